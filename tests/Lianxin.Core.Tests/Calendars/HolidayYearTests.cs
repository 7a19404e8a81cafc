using Lianxin.Core.Calendars;

namespace Lianxin.Core.Tests.Calendars;

public class HolidayYearTests
{
    [Fact]
    public void Parse_ValidFile_ReadsEveryDay()
    {
        var year = HolidayYear.Parse("""{"year": 2027, "papers": ["https://example.gov.cn/x"], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, {"name": "春节", "date": "2027-02-06", "isOffDay": false}, {"name": "元旦", "date": "2026-12-31", "isOffDay": true}]}""");
        Assert.Equal(2027, year.Year);
        Assert.Equal(3, year.Days.Count);
        Assert.False(year.Days[1].IsOffDay);
    }

    [Theory]
    [InlineData("{\"year\": 2027, \"days\": [", "$")]
    [InlineData("[]", "$")]
    [InlineData("{\"days\": []}", "year")]
    [InlineData("{\"year\": \"2027\", \"days\": []}", "year")]
    [InlineData("{\"year\": 2027}", "days")]
    [InlineData("{\"year\": 2027, \"days\": [{\"name\": \"x\", \"date\": \"2027/01/01\", \"isOffDay\": true}]}", "days[0].date")]
    [InlineData("{\"year\": 2027, \"days\": [{\"name\": \"x\", \"date\": \"2027-01-01\", \"isOffDay\": \"yes\"}]}", "days[0].isOffDay")]
    [InlineData("{\"year\": 2027, \"days\": [{\"date\": \"2027-01-01\", \"isOffDay\": true}]}", "days[0].name")]
    [InlineData("{\"year\": 2027, \"days\": [{\"name\": \"x\", \"date\": \"2027-01-01\", \"isOffDay\": true}, {\"name\": \"y\", \"date\": \"2027-01-01\", \"isOffDay\": false}]}", "days[1].date")]
    [InlineData("{\"year\": 2027, \"days\": [{\"name\": \"x\", \"date\": \"2029-01-01\", \"isOffDay\": true}]}", "days[0].date")]
    [InlineData("{\"year\": 2027, \"papers\": \"x\", \"days\": []}", "papers")]
    public void Parse_BadFile_SaysWhereInBothLanguages(string json, string path)
    {
        var ex = Assert.Throws<CalendarFormatException>(() => HolidayYear.Parse(json));
        Assert.Equal(path, ex.Path);
        Assert.False(string.IsNullOrWhiteSpace(ex.MessageZh));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }
}
