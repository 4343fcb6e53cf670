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
