using Microsoft.Extensions.DependencyInjection;
using NetArchTest.Rules;

namespace SalesAlign.Api.Tests;

/// <summary>Dependencies point inward: Api → Application → Domain; Contracts is a leaf.</summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Domain = typeof(SalesAlign.Domain.Playbooks.PlaybookDocument).Assembly;
    private static readonly System.Reflection.Assembly Application = typeof(SalesAlign.Application.DependencyInjection).Assembly;
    private static readonly System.Reflection.Assembly Contracts = typeof(SalesAlign.Contracts.Scoring.LeadDto).Assembly;
    private static readonly System.Reflection.Assembly Infrastructure = typeof(SalesAlign.Infrastructure.DependencyInjection).Assembly;
    private static readonly System.Reflection.Assembly Web = typeof(SalesAlign.Web.Services.UserSession).Assembly;

    [Fact]
    public void Domain_depends_on_nothing_but_the_base_library()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("SalesAlign.Application", "SalesAlign.Api", "SalesAlign.Contracts", "SalesAlign.Infrastructure",
                "FluentValidation", "Mediator", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore")
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
        Domain.GetReferencedAssemblies().Select(a => a.Name!).ShouldAllBe(n => n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard");
    }

    [Fact]
    public void Application_does_not_depend_on_the_host()
    {
        var result = Types.InAssembly(Application).ShouldNot()
            .HaveDependencyOnAny("SalesAlign.Api", "SalesAlign.Infrastructure", "Microsoft.AspNetCore")
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>
    /// The web UI talks to the rest through Contracts, the mediator and the Application's public surface (decision 0048):
    /// no Domain type in any signature, field, local, attribute or instruction of a Web type (Razor components included),
    /// so the domain can change without the UI compiling against its internals.
    /// </summary>
    [Fact]
    public void Web_uses_Contracts_and_the_Application_never_Domain_or_Infrastructure_types()
    {
        var result = Types.InAssembly(Web).ShouldNot()
            .HaveDependencyOnAny("SalesAlign.Domain", "SalesAlign.Infrastructure", "SalesAlign.Api", "Microsoft.EntityFrameworkCore")
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
        // NetArchTest does not look into the signatures of called members (a constructor with a Domain-typed optional
        // parameter); the assembly's own type references do: any Domain type the compiler had to name is listed there.
        TypesReferenced(Web, from: Domain).ShouldBeEmpty();
        // Allowed: the same scans see what the UI does use, and the reference scan sees the Application's Domain types.
        Types.InAssembly(Web).That().HaveDependencyOn("SalesAlign.Contracts.Proposals").GetTypes().ShouldNotBeEmpty();
        Types.InAssembly(Web).That().HaveDependencyOn("SalesAlign.Application.Features.Proposals").GetTypes().ShouldNotBeEmpty();
        TypesReferenced(Application, from: Domain).ShouldContain("SalesAlign.Domain.Proposals.Proposal");
    }

    /// <summary>The full names of the types of <paramref name="from"/> that <paramref name="assembly"/>'s metadata references.</summary>
    private static List<string> TypesReferenced(System.Reflection.Assembly assembly, System.Reflection.Assembly from)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly.Location));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var name = from.GetName().Name;
        return [.. metadata.TypeReferences.Select(metadata.GetTypeReference)
            .Where(t => t.ResolutionScope.Kind == System.Reflection.Metadata.HandleKind.AssemblyReference
                && metadata.GetString(metadata.GetAssemblyReference((System.Reflection.Metadata.AssemblyReferenceHandle)t.ResolutionScope).Name) == name)
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}")];
    }

    [Fact]
    public void Contracts_depend_on_nothing_of_ours()
    {
        Contracts.GetReferencedAssemblies().Select(a => a.Name!).ShouldAllBe(n => !n.StartsWith("SalesAlign", StringComparison.Ordinal));
    }

    /// <summary>Every command, query and request the mediator can send (notifications are not requests).</summary>
    private static IEnumerable<Type> Requests() =>
        Application.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Mediator.IMessage).IsAssignableFrom(t)
            && !typeof(Mediator.INotification).IsAssignableFrom(t));

    [Fact]
    public void Every_request_has_a_validator()
    {
        var validated = Application.GetTypes()
            .Select(t => t.BaseType)
            .Where(b => b is { IsGenericType: true } && b.GetGenericTypeDefinition() == typeof(FluentValidation.AbstractValidator<>))
            .Select(b => b!.GetGenericArguments()[0])
            .ToHashSet();

        Requests().Count().ShouldBeGreaterThan(40);
        Requests().Where(m => !validated.Contains(m)).Select(m => m.Name).ShouldBeEmpty();
    }

    [Fact]
    public void Every_request_declares_exactly_one_policy()
    {
        static int Declarations(Type t) =>
            t.GetCustomAttributes(inherit: true).Count(a => a is SalesAlign.Application.Common.Security.RequestPolicyAttribute);

        Requests().ShouldNotBeEmpty();
        Requests().Where(t => Declarations(t) != 1).Select(t => $"{t.Name} declares {Declarations(t)}").ShouldBeEmpty();
    }

    [Fact]
    public void Every_declared_permission_is_a_known_permission()
    {
        var declared = Requests().Select(SalesAlign.Application.Common.Security.RequestPolicy.Of)
            .OfType<SalesAlign.Application.Common.Security.RequiresPermissionAttribute>().Select(a => a.Permission).ToList();

        declared.ShouldNotBeEmpty();
        declared.Except(SalesAlign.Contracts.Security.Permissions.All).ShouldBeEmpty();
    }

    [Fact]
    public void Each_providers_migrations_live_in_its_own_assembly_that_Infrastructure_does_not_reference()
    {
        static bool IsGenerated(Type t) =>
            t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)) || t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot));

        Infrastructure.GetReferencedAssemblies().Select(a => a.Name!).ShouldNotContain(n => n.StartsWith("SalesAlign.Migrations", StringComparison.Ordinal));
        Infrastructure.GetTypes().Where(IsGenerated).Select(t => t.FullName).ShouldBeEmpty();

        (string Assembly, Type Context)[] providers =
        [
            (SalesAlign.Infrastructure.Persistence.ProviderOptions.SqliteMigrationsAssembly, typeof(SalesAlign.Infrastructure.Persistence.SqliteAppDbContext)),
            (SalesAlign.Infrastructure.Persistence.ProviderOptions.PostgresMigrationsAssembly, typeof(SalesAlign.Infrastructure.Persistence.PostgresAppDbContext)),
            (SalesAlign.Infrastructure.Persistence.ProviderOptions.SqlServerMigrationsAssembly, typeof(SalesAlign.Infrastructure.Persistence.SqlServerAppDbContext)),
        ];
        foreach (var (name, context) in providers)
        {
            var generated = System.Reflection.Assembly.Load(name).GetTypes().Where(IsGenerated).ToList();
            generated.Count.ShouldBeGreaterThan(1, name);
            generated.ShouldAllBe(t => t.Namespace == name);
            generated.Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute), false)
                    .Cast<Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute>().Single().ContextType)
                .ShouldAllBe(t => t == context, name);
        }
    }
}

/// <summary>
/// Endpoints mirror features (decision 0047), read from the running host: each route that sends a use case is a named
/// handler in the endpoint class of that use case's feature area, and its OpenAPI operation lists the errors its
/// declaration implies.
/// </summary>
[Collection(nameof(ApiHost))]
public sealed class EndpointConventionTests(ApiFactory factory)
{
    /// <summary>API routes that send no use case: the sandbox's static sample playbook.</summary>
    private static readonly string[] RoutesWithoutUseCase = ["GetSamplePlaybook"];

    private sealed record ApiRoute(string Method, string Path, string Name, System.Reflection.MethodInfo? Handler, SalesAlign.Api.Tenancy.UseCaseRoute? UseCase);

    private List<ApiRoute> ApiRoutes() =>
        factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => new ApiRoute(
                m, "/" + e.RoutePattern.RawText!.Trim('/'), e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IEndpointNameMetadata>()?.EndpointName ?? e.DisplayName!,
                e.Metadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault(), e.Metadata.GetMetadata<SalesAlign.Api.Tenancy.UseCaseRoute>())))
            .ToList();

    private static string AreaOf(Type request)
    {
        var segments = request.Namespace!.Split('.');
        return segments[Array.IndexOf(segments, "Features") + 1];
    }

    [Fact]
    public void Every_route_that_sends_a_use_case_is_declared_in_the_endpoint_class_of_its_feature_area()
    {
        var routes = ApiRoutes().Where(r => r.UseCase is not null).ToList();

        routes.Count.ShouldBeGreaterThan(40);
        routes.Where(r => r.Handler?.DeclaringType?.Name != $"{AreaOf(r.UseCase!.RequestType)}Endpoints")
            .Select(r => $"{r.Name} ({r.UseCase!.RequestType.Name}) is mapped in {r.Handler?.DeclaringType?.FullName ?? "?"}, not {AreaOf(r.UseCase.RequestType)}Endpoints")
            .ShouldBeEmpty();
        // One class per area, and only area classes map use cases: the class names are exactly the areas served.
        routes.Select(r => r.Handler!.DeclaringType!.Name).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(routes.Select(r => AreaOf(r.UseCase!.RequestType) + "Endpoints").Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_api_route_is_a_named_handler_and_sends_a_use_case()
    {
        var routes = ApiRoutes();

        routes.ShouldNotBeEmpty();
        routes.Where(r => r.Handler is null || r.Handler.Name.Contains('<', StringComparison.Ordinal)
                || r.Handler.DeclaringType!.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false))
            .Select(r => $"{r.Method} {r.Path} ({r.Name}) is a lambda or has no handler method").ShouldBeEmpty();
        routes.Where(r => r.UseCase is null && !RoutesWithoutUseCase.Contains(r.Name)).Select(r => $"{r.Method} {r.Path}").ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_operation_lists_the_error_statuses_its_use_case_implies()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var routes = ApiRoutes().Where(r => r.UseCase is not null).ToList();

        var missing = new List<string>();
        foreach (var route in routes)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(route.Path, @"\{(\w+)(:[^}]*)?\}", "{$1}");
            var responses = document["paths"]?[path]?[route.Method.ToLowerInvariant()]?["responses"]?.AsObject();
            if (responses is null)
            {
                missing.Add($"{route.Name}: no operation {route.Method} {path}");
                continue;
            }
            foreach (var status in Implied(route.UseCase!))
            {
                if (responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?["application/problem+json"] is null)
                    missing.Add($"{route.Name}: {status}");
            }
        }

        missing.ShouldBeEmpty();
    }

    /// <summary>The statuses a declaration implies, restated from docs/authorization.md and the exception handler.</summary>
    private static IEnumerable<int> Implied(SalesAlign.Api.Tenancy.UseCaseRoute useCase)
    {
        var byPolicy = new Dictionary<string, int[]>(StringComparer.Ordinal) { ["anonymous"] = [], ["signed-in"] = [401] };
        foreach (var status in byPolicy.GetValueOrDefault(useCase.Policy.Describe(), [401, 403, 404]))
            yield return status;
        var isQuery = useCase.RequestType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Mediator.IQuery<>));
        if (!isQuery)
            yield return 409;
        var revision = useCase.RequestType.GetProperty("ExpectedRevision");
        if (revision is not null)
            yield return 412;
        if (revision?.PropertyType == typeof(int))
            yield return 428;
    }

    [Theory]
    [InlineData("/api/v1/me", "get", "200 401")]
    [InlineData("/api/v1/sample/score", "post", "200 400 413 415")]
    [InlineData("/api/v1/t/{tenant}/playbooks/{playbookId}", "get", "200 304 400 401 403 404")]
    [InlineData("/api/v1/t/{tenant}/proposals/{proposalId}", "patch", "200 400 401 403 404 409 412 413 415 428")]
    [InlineData("/api/v1/t/{tenant}/proposals/{proposalId}/submit", "post", "200 400 401 403 404 409 412")]
    [InlineData("/api/v1/t/{tenant}/leads:import", "post", "200 202 400 401 403 404 409 413 415")]
    [InlineData("/api/v1/t/{tenant}/leads:batch", "post", "200 400 401 403 404 409 413 415 422")]
    [InlineData("/api/v1/t/{tenant}/webhooks/{id}", "delete", "204 400 401 403 404 409")]
    public async Task An_operation_documents_exactly_the_statuses_its_route_can_answer(string path, string method, string statuses)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var documented = document["paths"]![path]![method]!["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal);

        string.Join(' ', documented).ShouldBe(statuses);
    }
}
