using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using SalesAlign.Api.Hubs;
using SalesAlign.Api.Identity;
using SalesAlign.Api.Problems;
using SalesAlign.Api.Tenancy;
using SalesAlign.Api.WebUi;
using SalesAlign.Application;
using SalesAlign.Infrastructure;
using SalesAlign.Infrastructure.Seeding;

namespace SalesAlign.Api;

/// <summary>The composition root: every service and middleware the host needs, in one place.</summary>
internal static class HostSetup
{
    /// <summary>No legitimate request is larger; bigger bodies get 413 before they are read.</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static void AddSalesAlign(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => RequestGuards.ConfigureKestrel(k.Limits));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddApplication();
        builder.AddSalesAlignTelemetry();
        services.AddInfrastructure(builder.Configuration, builder.Environment);
        services.AddHostedService<DemoDataSeeder>();
        builder.AddSalesAlignIdentity();
        services.AddTenantAccess();
        builder.AddSalesAlignHub();
        services.AddSalesAlignWebUiHost();

        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        // Route handlers throw on unreadable bodies so that the one exception handler answers with problem details.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Every problem carries a stable code, including the bare status codes that no handler wrote.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Extensions.ContainsKey("code"))
                return;
            var code = ApiExceptionHandler.CodeForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
            problem.Extensions["code"] = code;
            problem.Type = ApiExceptionHandler.TypeOf(code);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddHealthChecks();
        services.AddOpenApi(o => o.AddDocumentTransformer<SalesAlign.Api.OpenApi.NullableMembersAreOptional>().AddSchemaTransformer<SalesAlign.Api.OpenApi.WireValuesAreEnums>());
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // A misspelt property is an error the caller should hear about, not a value silently dropped.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    public static void UseSalesAlign(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseRequestLimits();
        app.UseStatusCodePages();
        app.UseWebUiErrorPages();
        // Routing after the error pages, so a re-executed UI error or not-found page is routed afresh.
        app.UseRouting();
        app.UseSalesAlignIdentity();
        app.UseTenantAccess();
        app.UseStrictJsonBodies();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar").AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/app")).ExcludeFromDescription().AllowAnonymous();
    }
}
