using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Tenancy;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Api.Endpoints;

/// <summary>Tenancy: who am I, which tenants, create a tenant (about the caller, not one tenant), and the tenant itself.</summary>
internal static class TenancyEndpoints
{
    public static void MapTenancyEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/v1").WithTags("Me and tenants").RequireAuthorization();

        account.MapGet("/me", GetMe)
            .ForUseCase<GetMeQuery>().WithName("GetMe").WithSummary("The signed-in user, their memberships and agencies.");

        account.MapGet("/tenants", ListTenants)
            .ForUseCase<ListTenantsQuery>().WithName("ListTenants").WithSummary("Tenants the caller can act in (agency members see every managed tenant).");

        account.MapPost("/tenants", CreateTenant)
            .ForUseCase<CreateTenantCommand>().WithName("CreateTenant").WithSummary("Create a tenant; the caller becomes its Admin.");

        app.MapTenantGroup("", "Tenants")
            .MapGet("", GetTenant)
            .ForUseCase<GetTenantQuery>()
            .WithName("GetTenant").WithSummary("The tenant.");
    }

    private static async Task<Ok<MeResponse>> GetMe(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMeQuery(), ct));

    private static async Task<Ok<IReadOnlyList<TenantDto>>> ListTenants(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListTenantsQuery(), ct));

    private static async Task<Created<TenantDto>> CreateTenant(CreateTenantRequest request, ISender sender, CancellationToken ct)
    {
        var tenant = await sender.Send(new CreateTenantCommand(request), ct);
        return TypedResults.Created($"/api/v1/t/{tenant.Slug}", tenant);
    }

    private static async Task<Ok<TenantDto>> GetTenant(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetTenantQuery(), ct));
}
