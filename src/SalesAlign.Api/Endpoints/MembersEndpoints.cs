using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Members;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Api.Endpoints;

/// <summary>A tenant's members: list, add, change team or role, remove.</summary>
internal static class MembersEndpoints
{
    public static void MapMembersEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapTenantGroup("/members", "Members");

        members.MapGet("", ListMembers)
            .ForUseCase<ListMembersQuery>()
            .WithName("ListMembers").WithSummary("Members, including agency members whose role flows to this tenant.");

        members.MapPost("", AddMember)
            .ForUseCase<AddMemberCommand>()
            .WithName("AddMember").WithSummary("Add an existing user to the tenant.");

        members.MapPatch("/{userId}", UpdateMember)
            .ForUseCase<UpdateMemberCommand>()
            .WithName("UpdateMember").WithSummary("Change a member's team or role.");

        members.MapDelete("/{userId}", RemoveMember)
            .ForUseCase<RemoveMemberCommand>()
            .WithName("RemoveMember").WithSummary("Remove a member.");
    }

    private static async Task<Ok<IReadOnlyList<MemberDto>>> ListMembers(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListMembersQuery(), ct));

    private static async Task<Created<MemberDto>> AddMember(string tenant, AddMemberRequest request, ISender sender, CancellationToken ct)
    {
        var member = await sender.Send(new AddMemberCommand(request), ct);
        return TypedResults.Created($"/api/v1/t/{tenant}/members/{member.UserId}", member);
    }

    private static async Task<Ok<MemberDto>> UpdateMember(string userId, UpdateMemberRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new UpdateMemberCommand(userId, request), ct));

    private static async Task<NoContent> RemoveMember(string userId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RemoveMemberCommand(userId), ct);
        return TypedResults.NoContent();
    }
}
