using LowFormerBench.Coordinator.Storage;
using Npgsql;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Storage;

public sealed class PostgresAddressTests
{
    [Theory]
    [InlineData("postgres://u@h/d", true)]
    [InlineData("postgresql://u@h/d", true)]
    [InlineData("Host=db;Database=farm", true)]
    [InlineData("server=db;database=farm", true)]
    [InlineData("lowformerbench.db", false)]
    [InlineData("/var/lib/lfb/farm.db", false)]
    public void IsPostgres_Address_EngineChosen(string address, bool postgres) => Assert.Equal(postgres, PostgresAddress.IsPostgres(address));

    [Fact]
    public void ToConnectionString_Url_EveryPartMapped()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresAddress.ToConnectionString("postgres://farm:p%40ss@db.lab:6432/lfb?sslmode=require"));

        Assert.Equal(("db.lab", 6432, "lfb", "farm", "p@ss", SslMode.Require),
            (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.SslMode));
    }

    [Fact]
    public void ToConnectionString_BadKeyword_ClearErrorWithoutThePassword()
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresAddress.ToConnectionString("Host=db;Password=secret;Colour=blue"));

        Assert.Contains("not a valid PostgreSQL connection string", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }
}
