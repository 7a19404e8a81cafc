using Lianxin.Core.Repeats;

namespace Lianxin.Core.Tests.Repeats;

public class CategoryRelationsTests
{
    [Theory]
    [InlineData("/utility/water/outage/", "/utility/water/outage/", CategoryRelation.Same)]
    [InlineData("/utility/", "/utility/", CategoryRelation.Same)]
    [InlineData("/utility/water/", "/utility/water/outage/", CategoryRelation.Ancestor)]
    [InlineData("/utility/water/outage/", "/utility/water/", CategoryRelation.Ancestor)]
    [InlineData("/utility/", "/utility/water/outage/", CategoryRelation.Ancestor)]
    [InlineData("/utility/water/outage/", "/utility/water/pressure/", CategoryRelation.SameBranch)]
    [InlineData("/utility/water/outage/x/", "/utility/water/pressure/", CategoryRelation.SameBranch)]
    [InlineData("/utility/water/outage/", "/utility/power/outage/", CategoryRelation.Unrelated)] // share only the domain
    [InlineData("/utility/water/", "/utility/power/", CategoryRelation.Unrelated)]
    [InlineData("/utility/", "/housing/", CategoryRelation.Unrelated)]
    [InlineData("/utility/water/", "/housing/water/", CategoryRelation.Unrelated)]
    [InlineData("/ab/", "/abc/", CategoryRelation.Unrelated)] // a path prefix is not a name prefix
    [InlineData("", "/utility/", CategoryRelation.Unrelated)] // an unknown category
    [InlineData("/utility/", "", CategoryRelation.Unrelated)]
    [InlineData("", "", CategoryRelation.Unrelated)]
    public void Between_ReadsTheRelationFromThePaths(string a, string b, CategoryRelation expected)
    {
        Assert.Equal(expected, CategoryRelations.Between(a, b));
        Assert.Equal(expected, CategoryRelations.Between(b, a));
    }

    [Theory]
    [InlineData(CategoryRelation.Same, true)]
    [InlineData(CategoryRelation.Ancestor, true)]
    [InlineData(CategoryRelation.SameBranch, true)]
    [InlineData(CategoryRelation.Unrelated, false)]
    public void IsRelated_AllButUnrelated(CategoryRelation relation, bool related) => Assert.Equal(related, relation.IsRelated());

    [Theory]
    [InlineData("/a/", null)]
    [InlineData("/a/b/", "/a/b/")]
    [InlineData("/a/b/c/", "/a/b/")]
    [InlineData("", null)]
    public void Branch_IsThePathToTheSecondLevel(string path, string? expected) => Assert.Equal(expected, CategoryRelations.Branch(path));
}
