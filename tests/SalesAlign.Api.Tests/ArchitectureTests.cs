using NetArchTest.Rules;

namespace SalesAlign.Api.Tests;

/// <summary>Dependencies point inward: Api → Application → Domain; Contracts is a leaf.</summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Domain = typeof(SalesAlign.Domain.Playbooks.PlaybookDocument).Assembly;
    private static readonly System.Reflection.Assembly Application = typeof(SalesAlign.Application.DependencyInjection).Assembly;
    private static readonly System.Reflection.Assembly Contracts = typeof(SalesAlign.Contracts.Scoring.LeadDto).Assembly;
    private static readonly System.Reflection.Assembly Infrastructure = typeof(SalesAlign.Infrastructure.DependencyInjection).Assembly;

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

    [Fact]
    public void Contracts_depend_on_nothing_of_ours()
    {
        Contracts.GetReferencedAssemblies().Select(a => a.Name!).ShouldAllBe(n => !n.StartsWith("SalesAlign", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_query_and_command_has_a_validator()
    {
        var messages = Application.GetTypes().Where(t => t.GetInterfaces().Any(i => i.Namespace == "Mediator" && i.Name is "IQuery`1" or "ICommand`1" or "ICommand"));
        var validated = Application.GetTypes()
            .Select(t => t.BaseType)
            .Where(b => b is { IsGenericType: true } && b.GetGenericTypeDefinition() == typeof(FluentValidation.AbstractValidator<>))
            .Select(b => b!.GetGenericArguments()[0])
            .ToHashSet();

        messages.ShouldNotBeEmpty();
        messages.Where(m => !validated.Contains(m)).Select(m => m.Name).ShouldBeEmpty();
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
