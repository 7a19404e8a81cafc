namespace Lianxin.Web.Tests.Infrastructure;

/// <summary>
/// The demo centre takes a while to load (a month of orders, every step through its use case): the demo
/// test classes share one app per provider. They only read, apart from a new order or two of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteDemoFixture : ICollectionFixture<SqliteDemoApp>
{
    public const string Name = "Demo centre on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresDemoFixture : ICollectionFixture<PostgresDemoApp>
{
    public const string Name = "Demo centre on PostgreSQL";
}
