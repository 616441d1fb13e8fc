[assembly: Xunit.AssemblyFixture(typeof(LowFormerBench.Coordinator.Tests.Postgres.PostgresServer))]
