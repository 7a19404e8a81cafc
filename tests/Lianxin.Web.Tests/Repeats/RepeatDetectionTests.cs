using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Repeats;

/// <summary>重复件 at registration, over HTTP: same phone, same matter, within the window; and what is not a repeat.</summary>
public abstract class RepeatDetectionTests(LianxinApp app)
{
    private const string LeakTitle = "楼上卫生间漏水到我家天花板";
    private const string LeakText = "来电人反映楼上卫生间漏水，渗到自家卫生间天花板，已经滴了三天，楼上住户不在家，物业联系不上，请求处理。";
    private const string LeakAgainTitle = "楼上渗水，我家顶棚一直滴水";
    private const string LeakAgainText = "来电人称楼上渗水，家里顶棚一直在滴水，墙皮都泡起来了，上周已经反映过还没人来看，要求尽快解决。";

    private readonly RepeatSteps _steps = new(app);

    private Baseline Data => app.Data;

    private object Leak(string phone, Guid? category = null) => RepeatSteps.Order(category ?? Data.CategoryDrain, phone, LeakTitle, LeakText);

    private object LeakAgain(string phone, Guid? category = null) => RepeatSteps.Order(category ?? Data.CategoryDrain, phone, LeakAgainTitle, LeakAgainText);

    [Fact]
    public async Task SameMatterReworded_SamePhone_IsFlaggedAndTheHistorySaysWhy()
    {
        var phone = RepeatSteps.Phone();
        var earlier = await _steps.RegisteredAsync(Leak(phone));
        app.Clock.Advance(TimeSpan.FromDays(2));

        var repeat = await _steps.RegisteredAsync(LeakAgain(phone));

        Assert.Equal(earlier.GetProperty("id").GetGuid(), RepeatSteps.RepeatOf(repeat));
        Assert.Null(RepeatSteps.RepeatOf(earlier));
        Assert.Equal(1, repeat.GetProperty("version").GetInt32()); // flagged within the registration, no extra version
        var registered = Assert.Single(await _steps.HistoryAsync(repeat.GetProperty("id").GetGuid()));
        Assert.Equal("registered", registered.GetProperty("type").GetString());
        var why = registered.GetProperty("data").GetProperty("repeatOf");
        Assert.Equal(earlier.GetProperty("id").GetGuid(), why.GetProperty("id").GetGuid());
        Assert.Equal(earlier.GetProperty("number").GetString(), why.GetProperty("number").GetString());
        Assert.InRange(why.GetProperty("similarity").GetDouble(), 0.14, 1.0);
        Assert.Equal(0.14, why.GetProperty("threshold").GetDouble());
        Assert.Equal("same", why.GetProperty("categories").GetString());
        Assert.Contains(earlier.GetProperty("number").GetString()!, registered.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains("重复件", registered.GetProperty("note").GetString(), StringComparison.Ordinal);

        // The earlier order is untouched.
        Assert.Single(await _steps.HistoryAsync(earlier.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task DifferentMatter_SamePhone_SameCategory_IsNotARepeat()
    {
        var phone = RepeatSteps.Phone();
        await _steps.RegisteredAsync(RepeatSteps.Order(Data.CategoryDrain, phone, "楼道下水管堵塞", "来电人反映所住单元一楼下水管堵塞，厨房排水很慢，物业一直没来疏通，请求处理。"));
        app.Clock.Advance(TimeSpan.FromHours(5));

        var light = await _steps.RegisteredAsync(RepeatSteps.Order(Data.CategoryDrain, phone, "楼道声控灯坏了", "来电人反映所住单元三楼到五楼楼道声控灯不亮，晚上上下楼看不见，物业一直没来修，请求处理。"));

        Assert.Null(RepeatSteps.RepeatOf(light));
        var registered = Assert.Single(await _steps.HistoryAsync(light.GetProperty("id").GetGuid()));
        Assert.False(registered.GetProperty("data").TryGetProperty("repeatOf", out _));
    }

    [Fact]
    public async Task SameMatter_OtherPhone_IsNotARepeat()
    {
        await _steps.RegisteredAsync(Leak(RepeatSteps.Phone()));
        var neighbour = await _steps.RegisteredAsync(LeakAgain(RepeatSteps.Phone()));
        Assert.Null(RepeatSteps.RepeatOf(neighbour));
    }

    [Fact]
    public async Task EarlierOrderClosed31DaysAgo_IsNotARepeat()
    {
        var phone = RepeatSteps.Phone();
        var earlier = await _steps.RegisteredAsync(Leak(phone));
        (await (await app.AsAsync("agent")).Post($"/api/v1/work-orders/{earlier.GetProperty("id").GetGuid()}/answer-directly", new { answer = "已告知联系楼上住户协商维修。" })).Expect(200);
        app.Clock.Advance(TimeSpan.FromDays(31));

        Assert.Null(RepeatSteps.RepeatOf(await _steps.RegisteredAsync(Leak(phone))));
    }

    [Fact]
    public async Task EarlierOrderClosed29DaysAgo_IsARepeat()
    {
        var phone = RepeatSteps.Phone();
        var earlier = await _steps.RegisteredAsync(Leak(phone));
        (await (await app.AsAsync("agent")).Post($"/api/v1/work-orders/{earlier.GetProperty("id").GetGuid()}/answer-directly", new { answer = "已告知联系楼上住户协商维修。" })).Expect(200);
        app.Clock.Advance(TimeSpan.FromDays(29));

        Assert.Equal(earlier.GetProperty("id").GetGuid(), RepeatSteps.RepeatOf(await _steps.RegisteredAsync(LeakAgain(phone))));
    }

    [Fact]
    public async Task EarlierOrderStillOpenAfter31Days_IsARepeat()
    {
        var phone = RepeatSteps.Phone();
        var earlier = await _steps.RegisteredAsync(Leak(phone));
        app.Clock.Advance(TimeSpan.FromDays(31));

        Assert.Equal(earlier.GetProperty("id").GetGuid(), RepeatSteps.RepeatOf(await _steps.RegisteredAsync(LeakAgain(phone))));
    }

    [Fact]
    public async Task SeveralEarlierOrders_TheBestMatchIsLinked()
    {
        var phone = RepeatSteps.Phone();
        var reworded = await _steps.RegisteredAsync(LeakAgain(phone));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var sameWords = await _steps.RegisteredAsync(Leak(phone));
        app.Clock.Advance(TimeSpan.FromHours(1));
        await _steps.RegisteredAsync(RepeatSteps.Order(Data.CategoryDrain, phone, "楼道窗户玻璃破损", "来电人反映所住楼栋三楼楼道窗户玻璃碎了，请求尽快更换。"));
        app.Clock.Advance(TimeSpan.FromHours(1));

        var third = await _steps.RegisteredAsync(Leak(phone));

        Assert.Equal(sameWords.GetProperty("id").GetGuid(), RepeatSteps.RepeatOf(third));
        Assert.Equal(reworded.GetProperty("id").GetGuid(), RepeatSteps.RepeatOf(sameWords));
    }

    [Fact]
    public async Task PhoneWrittenDifferently_IsTheSamePhone()
    {
        var digits = RepeatSteps.Phone();
        var earlier = await _steps.RegisteredAsync(Leak($"{digits[..3]}-{digits[3..7]}-{digits[7..]}"));
        var repeat = await _steps.RegisteredAsync(LeakAgain($"{digits[..3]} {digits[3..7]} {digits[7..]}"));
        Assert.Equal(earlier.GetProperty("id").GetGuid(), RepeatSteps.RepeatOf(repeat));
    }

    [Fact]
    public async Task RelatedCategory_LowerBar_UnrelatedCategory_HigherBar()
    {
        var phone = RepeatSteps.Phone();
        var housing = await _steps.CategoryAsync("房屋");
        var repair = await _steps.CategoryAsync("修缮", housing);
        var leak = await _steps.CategoryAsync("渗漏", repair);
        var crack = await _steps.CategoryAsync("开裂", repair);
        var earlier = await _steps.RegisteredAsync(Leak(phone, leak));

        // Reworded, filed under a sibling leaf: related, the lower bar is enough.
        var sibling = await _steps.RegisteredAsync(LeakAgain(phone, crack));
        Assert.Equal(earlier.GetProperty("id").GetGuid(), RepeatSteps.RepeatOf(sibling));
        var why = (await _steps.HistoryAsync(sibling.GetProperty("id").GetGuid()))[0].GetProperty("data").GetProperty("repeatOf");
        Assert.Equal("sameBranch", why.GetProperty("categories").GetString());

        // Reworded, filed somewhere unrelated: not enough.
        var other = RepeatSteps.Phone();
        var first = await _steps.RegisteredAsync(LeakAgain(other, leak));
        Assert.Null(RepeatSteps.RepeatOf(await _steps.RegisteredAsync(Leak(other, Data.CategoryLeak))));

        // The same words again, filed somewhere unrelated: the higher bar is met, and the identical text wins.
        var same = await _steps.RegisteredAsync(LeakAgain(other, Data.CategoryLeak));
        Assert.Equal(first.GetProperty("id").GetGuid(), RepeatSteps.RepeatOf(same));
        var sameWhy = (await _steps.HistoryAsync(same.GetProperty("id").GetGuid()))[0].GetProperty("data").GetProperty("repeatOf");
        Assert.Equal("unrelated", sameWhy.GetProperty("categories").GetString());
        Assert.Equal(0.35, sameWhy.GetProperty("threshold").GetDouble());
        Assert.Equal(1.0, sameWhy.GetProperty("similarity").GetDouble());
    }

    [Fact]
    public async Task Repeat_ShowsInTheListAndOnTheOrder()
    {
        var phone = RepeatSteps.Phone();
        var earlier = await _steps.RegisteredAsync(Leak(phone));
        var repeat = await _steps.RegisteredAsync(LeakAgain(phone));
        var dispatcher = await app.AsAsync("dispatcher");

        var item = (await dispatcher.Get($"/api/v1/work-orders?phone={phone}")).Expect(200)["items"].EnumerateArray()
            .Single(i => i.GetProperty("id").GetGuid() == repeat.GetProperty("id").GetGuid());
        Assert.Equal(earlier.GetProperty("id").GetGuid(), item.GetProperty("repeatOf").GetGuid());
        Assert.Equal(earlier.GetProperty("id").GetGuid(), (await dispatcher.Get($"/api/v1/work-orders/{repeat.GetProperty("id").GetGuid()}")).Expect(200)["repeatOf"].GetGuid());
    }

    [Fact]
    public async Task PhoneWithMoreThan100LiveOrders_OnlyTheNewest100AreCompared()
    {
        var phone = RepeatSteps.Phone();
        await _steps.RegisteredAsync(Leak(phone));
        for (var i = 0; i < 100; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await _steps.RegisteredAsync(RepeatSteps.Order(Data.CategoryDrain, phone, "咨询供暖开始时间", "来电人询问今年供暖开始的日期。"));
        }

        // The leak is the 101st newest live order of this phone: past the bound, so not compared.
        Assert.Null(RepeatSteps.RepeatOf(await _steps.RegisteredAsync(Leak(phone))));
    }

    [Fact]
    public async Task IdempotentReplay_ReturnsTheSameFlaggedOrder()
    {
        var phone = RepeatSteps.Phone();
        var earlier = await _steps.RegisteredAsync(Leak(phone));
        var agent = await app.AsAsync("agent");
        var key = Guid.NewGuid().ToString();
        var first = (await agent.Post("/api/v1/work-orders", LeakAgain(phone), idempotencyKey: key)).Expect(201);
        var replay = (await agent.Post("/api/v1/work-orders", LeakAgain(phone), idempotencyKey: key)).Expect(201);

        Assert.Equal(first.Id, replay.Id);
        Assert.Equal(earlier.GetProperty("id").GetGuid(), RepeatSteps.RepeatOf(replay.Json));
        var count = await app.Db(db => Task.FromResult(db.WorkOrders.Count(o => o.Requester.Phone == phone)));
        Assert.Equal(2, count);
    }
}

public sealed class RepeatDetectionTestsOnSqlite(SqliteApp app) : RepeatDetectionTests(app), IClassFixture<SqliteApp>;

public sealed class RepeatDetectionTestsOnPostgres(PostgresApp app) : RepeatDetectionTests(app), IClassFixture<PostgresApp>;

/// <summary>Lianxin:Repeats:Enabled=false: registration looks for no repeat.</summary>
public abstract class RepeatDetectionOffTests(LianxinApp app)
{
    [Fact]
    public async Task SameMatter_SamePhone_IsNotFlagged_WhenDetectionIsOff()
    {
        var steps = new RepeatSteps(app);
        var phone = RepeatSteps.Phone();
        await steps.RegisteredAsync(RepeatSteps.Order(app.Data.CategoryDrain, phone, "地漏泛水", "卫生间地漏往上冒水"));
        var again = await steps.RegisteredAsync(RepeatSteps.Order(app.Data.CategoryDrain, phone, "地漏泛水", "卫生间地漏往上冒水"));
        Assert.Equal(JsonValueKind.Null, again.GetProperty("repeatOf").ValueKind);
    }
}

public sealed class RepeatsOffSqliteApp : LianxinApp
{
    public override string ProviderName => "sqlite";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Lianxin:Repeats:Enabled"] = "false" };

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class RepeatsOffPostgresApp : LianxinApp
{
    public override string ProviderName => "postgres";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Lianxin:Repeats:Enabled"] = "false" };

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}

public sealed class RepeatDetectionOffTestsOnSqlite(RepeatsOffSqliteApp app) : RepeatDetectionOffTests(app), IClassFixture<RepeatsOffSqliteApp>;

public sealed class RepeatDetectionOffTestsOnPostgres(RepeatsOffPostgresApp app) : RepeatDetectionOffTests(app), IClassFixture<RepeatsOffPostgresApp>;
