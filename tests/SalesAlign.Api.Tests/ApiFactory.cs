using Microsoft.AspNetCore.Mvc.Testing;

namespace SalesAlign.Api.Tests;

/// <summary>One host for the whole test collection: starting it costs seconds.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>;

[CollectionDefinition(nameof(ApiHost))]
public sealed class ApiHost : ICollectionFixture<ApiFactory>;
