using System.Globalization;
using System.Security.Claims;
using System.Text;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Core.Staffing;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Lianxin.Web.Organization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Lianxin.Web.Staffing;

public sealed record ShiftRequest(Guid? AgentId, string? Login, string? Date, string? Start, string? End, string? Kind, string? Note)
{
    public ShiftInput Input => new(AgentId, Login, Date, Start, End, Kind, Note);
}

public sealed record RosterAgentResponse(Guid Id, string Name, string Login, string? Extension)
{
    public static RosterAgentResponse From(RosterAgent a) => new(a.Id, a.Name, a.Login, a.Extension);
}

/// <summary>A shift; <c>endsNextDay</c> when <c>end</c> is on the day after <c>date</c> (a night shift), both equal for a 24-hour duty.</summary>
public sealed record ShiftResponse(Guid Id, RosterAgentResponse Agent, string Date, string Start, string End, bool EndsNextDay, string? Kind, string? Note)
{
    public static ShiftResponse From(RosterRow r) => new(
        r.Id, RosterAgentResponse.From(r.Agent), WorkingCalendar.Format(r.Date), ShiftTimes.Hhmm(r.Start), ShiftTimes.Hhmm(r.End), r.Times.EndsNextDay, r.Kind, r.Note);
}

public sealed record RosterResponse(string From, string To, IReadOnlyList<RosterAgentResponse> Agents, IReadOnlyList<ShiftResponse> Shifts);

public sealed record RosterImportResponse(int Shifts, int Created, int Unchanged, int Removed);

/// <summary>排班 over HTTP: the roster of a period, shifts one by one, and the roster as CSV both ways; and the plan against it.</summary>
public static class RosterEndpoints
{
    private const string MediaType = "text/csv";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapRosterEndpoints(this IEndpointRouteBuilder app)
    {
        var roster = app.MapGroup("/api/v1/roster").WithTags("Staffing").RequireAuthorization();
        roster.MapGet("/", List).WithSummary("The roster of a period: every agent and the shifts starting in it (centre staff)")
            .WithDescription("?from=&to= (yyyy-MM-dd, local days, both included; at most 62 days). Without them: the current week, Monday to Sunday. "
                + "A shift's end is on the next day when `endsNextDay` (a night shift 22:00–06:00); equal start and end are a 24-hour duty.");
        roster.MapPost("/", Add).WithIdempotency().WithSummary("Add a shift (admin, supervisor)")
            .WithDescription("Body: {agentId | login, date (yyyy-MM-dd), start (HH:mm), end (HH:mm, 24:00 allowed; not after start = the next day), kind? (≤ 20, e.g. 应急坐席), note? (≤ 200)}. "
                + "A shift overlapping another of the same agent is 409 `shift-overlap`. Answers 201 with the shift.");
        roster.MapPut("/{id:guid}", Change).WithSummary("Change a shift: the same body as adding; naming another agent gives them the shift (admin, supervisor)");
        roster.MapDelete("/{id:guid}", Remove).WithSummary("Remove a shift (admin, supervisor)");
        roster.MapPost("/import", Import)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The CSV file (UTF-8, BOM optional)",
                    Content = new Dictionary<string, OpenApiMediaType> { [MediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                };
                return Task.CompletedTask;
            })
            .Produces<RosterImportResponse>(200)
            .ProducesProblem(400)
            .WithIdempotency()
            .WithSummary("Import shifts from CSV (admin, supervisor): every line checked first, all or nothing")
            .WithDescription("A header row, then one line per shift. Columns (English or Chinese, any order): login (工号), date (日期), start (开始), end (结束), "
                + "and optionally kind (类型), note (备注), name (姓名, ignored). ?mode=add (default) adds the shifts, leaving alone a line that is already there; "
                + "?mode=replace makes the file the whole roster of the days it covers (other shifts on those days are removed). "
                + "Any bad line (unknown agent, date, time, overlap within the file or with a shift already there) answers 400 with `rows` "
                + "(row, column, message; row 1 is the header) and imports nothing.");
        app.MapGet("/api/v1/roster.csv", Export).WithTags("Staffing").RequireAuthorization()
            .Produces(200, contentType: MediaType)
            .WithSummary("The roster of a period as CSV (centre staff): login,name,date,start,end,kind,note; UTF-8 with BOM; imports back unchanged")
            .WithDescription("?from=&to= as for GET /api/v1/roster.");
        return app.MapStaffingPlanEndpoints();
    }

    private static async Task<Ok<RosterResponse>> List(HttpRequest http, ClaimsPrincipal principal, ListRoster list, CentreCalendar calendar, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (from, to) = await PeriodAsync(http.Query, calendar, db, clock, ct);
        var view = await list.ExecuteAsync(principal.ToActor(), from, to, ct);
        return TypedResults.Ok(new RosterResponse(
            WorkingCalendar.Format(view.From), WorkingCalendar.Format(view.To), [.. view.Agents.Select(RosterAgentResponse.From)], [.. view.Shifts.Select(ShiftResponse.From)]));
    }

    private static async Task<Created<ShiftResponse>> Add(ShiftRequest? request, ClaimsPrincipal principal, ChangeRoster roster, CancellationToken ct)
    {
        var row = await roster.AddAsync(principal.ToActor(), (request ?? new ShiftRequest(null, null, null, null, null, null, null)).Input, ct);
        return TypedResults.Created($"/api/v1/roster/{row.Id}", ShiftResponse.From(row));
    }

    private static async Task<Ok<ShiftResponse>> Change(Guid id, ShiftRequest? request, ClaimsPrincipal principal, ChangeRoster roster, CancellationToken ct) =>
        TypedResults.Ok(ShiftResponse.From(await roster.ChangeAsync(principal.ToActor(), id, (request ?? new ShiftRequest(null, null, null, null, null, null, null)).Input, ct)));

    private static async Task<NoContent> Remove(Guid id, ClaimsPrincipal principal, ChangeRoster roster, CancellationToken ct)
    {
        await roster.RemoveAsync(principal.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Import(HttpContext http, ClaimsPrincipal principal, ImportRoster import, CancellationToken ct)
    {
        var actor = principal.ToActor();
        RosterAccess.RequireManager(actor);
        var mode = http.Request.Query["mode"].ToString();
        if (mode.Length > 0 && mode is not ("add" or "replace"))
        {
            throw ValidationFailedException.For("mode", new Text("应为 add 或 replace。", "Must be add or replace."));
        }

        if (!IsCsv(http.Request.ContentType))
        {
            return Problems.Result(http, 415, new Text("请以 text/csv（UTF-8 编码）提交文件。", "Send the file as text/csv (UTF-8)."), "unsupported-media-type");
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        string text;
        try
        {
            text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return Invalid(http, [new ImportIssue(1, null, new Text(
                "文件不是 UTF-8 编码（Excel 请另存为“CSV UTF-8（逗号分隔）”）。", "The file is not UTF-8 (in Excel, save as 'CSV UTF-8 (comma delimited)')."))], 0);
        }

        var outcome = await import.ExecuteAsync(actor, text, mode == "replace", ct);
        return outcome.Succeeded
            ? TypedResults.Ok(new RosterImportResponse(outcome.Shifts, outcome.Created, outcome.Unchanged, outcome.Removed))
            : Invalid(http, outcome.Issues, outcome.MoreIssues);
    }

    private static async Task<FileContentHttpResult> Export(HttpRequest http, ClaimsPrincipal principal, ExportRoster export, CentreCalendar calendar, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (from, to) = await PeriodAsync(http.Query, calendar, db, clock, ct);
        var csv = await export.ExecuteAsync(principal.ToActor(), from, to, ct);
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        return TypedResults.File(body, MediaType + "; charset=utf-8", $"roster-{WorkingCalendar.Format(from)}-{WorkingCalendar.Format(to)}.csv");
    }

    /// <summary>from/to as local dates; by default the current week, Monday to Sunday.</summary>
    internal static async Task<(DateOnly From, DateOnly To)> PeriodAsync(IQueryCollection query, CentreCalendar calendar, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        var today = (await calendar.GetAsync(db, ct)).Calendar.LocalDate(clock.GetUtcNow().UtcDateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var from = Date(v, query, "from") ?? monday;
        var to = Date(v, query, "to") ?? from.AddDays(6);
        v.ThrowIfInvalid();
        return (from, to);
    }

    internal static DateOnly? Date(Validator v, IQueryCollection query, string field)
    {
        var text = query[field].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        v.Add(field, new Text("日期格式应为 yyyy-MM-dd。", "Use yyyy-MM-dd."));
        return null;
    }

    private static bool IsCsv(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = media.Charset.ToString();
        return charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>400 with the line-by-line report: as <c>errors</c> (rows[3].date → messages) and as a <c>rows</c> list.</summary>
    private static ProblemHttpResult Invalid(HttpContext http, IReadOnlyList<ImportIssue> issues, int more)
    {
        var english = Lang.PrefersEnglish(http);
        var errors = issues
            .GroupBy(i => i.Column is null ? $"rows[{i.Row}]" : $"rows[{i.Row}].{i.Column}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Message).ToArray(), StringComparer.Ordinal);
        var count = issues.Count + more;
        var problem = Problems.Create(http, 400, new Text(
            $"排班文件有 {count} 处错误，未导入任何班次。", $"The roster file has {count} error(s); no shift was imported."), "import-invalid", errors);
        problem.Extensions["rows"] = issues.Select(i => new ImportIssueResponse(i.Row, i.Column, i.Message.In(english))).ToList();
        problem.Extensions["moreIssues"] = more;
        return TypedResults.Problem(problem);
    }
}
