using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Tenancy;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Api.Endpoints;

/// <summary>Routes about the caller rather than one tenant: who am I, which tenants, create a tenant.</summary>
internal static class AccountApiEndpoints
{
    public static void MapAccountApiEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Me and tenants").RequireAuthorization();

        group.MapGet("/me", async Task<Ok<MeResponse>> (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetMeQuery(), ct)))
            .ForUseCase<GetMeQuery>().WithName("GetMe").WithSummary("The signed-in user, their memberships and agencies.");

        group.MapGet("/tenants", async Task<Ok<IReadOnlyList<TenantDto>>> (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListTenantsQuery(), ct)))
            .ForUseCase<ListTenantsQuery>().WithName("ListTenants").WithSummary("Tenants the caller can act in (agency members see every managed tenant).");

        group.MapPost("/tenants", async Task<Created<TenantDto>> (CreateTenantRequest request, ISender sender, CancellationToken ct) =>
            {
                var tenant = await sender.Send(new CreateTenantCommand(request), ct);
                return TypedResults.Created($"/api/v1/t/{tenant.Slug}", tenant);
            })
            .ForUseCase<CreateTenantCommand>().WithName("CreateTenant").WithSummary("Create a tenant; the caller becomes its Admin.");
    }
}
