using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Members;
using SalesAlign.Application.Features.Tenancy;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Api.Endpoints;

internal static class TenantEndpoints
{
    public static void MapTenantEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapTenantGroup("", "Tenants")
            .MapGet("", async Task<Ok<TenantDto>> (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetTenantQuery(), ct)))
            .ForUseCase<GetTenantQuery>()
            .WithName("GetTenant").WithSummary("The tenant.");

        var members = app.MapTenantGroup("/members", "Members");

        members.MapGet("", async Task<Ok<IReadOnlyList<MemberDto>>> (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListMembersQuery(), ct)))
            .ForUseCase<ListMembersQuery>()
            .WithName("ListMembers").WithSummary("Members, including agency members whose role flows to this tenant.");

        members.MapPost("", async Task<Created<MemberDto>> (string tenant, AddMemberRequest request, ISender sender, CancellationToken ct) =>
            {
                var member = await sender.Send(new AddMemberCommand(request), ct);
                return TypedResults.Created($"/api/v1/t/{tenant}/members/{member.UserId}", member);
            })
            .ForUseCase<AddMemberCommand>()
            .WithName("AddMember").WithSummary("Add an existing user to the tenant.");

        members.MapPatch("/{userId}", async Task<Ok<MemberDto>> (string userId, UpdateMemberRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UpdateMemberCommand(userId, request), ct)))
            .ForUseCase<UpdateMemberCommand>()
            .WithName("UpdateMember").WithSummary("Change a member's team or role.");

        members.MapDelete("/{userId}", async Task<NoContent> (string userId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RemoveMemberCommand(userId), ct);
                return TypedResults.NoContent();
            })
            .ForUseCase<RemoveMemberCommand>()
            .WithName("RemoveMember").WithSummary("Remove a member.");
    }
}
