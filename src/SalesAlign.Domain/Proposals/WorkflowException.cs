namespace SalesAlign.Domain.Proposals;

/// <summary>What kind of refusal a workflow rule makes; the API maps each to its status code.</summary>
public enum WorkflowFailure
{
    /// <summary>The object's state does not allow the action (409).</summary>
    Conflict,

    /// <summary>This actor may not do this to this object (403).</summary>
    Forbidden,
}

/// <summary>A workflow rule refused an action. <see cref="Code"/> is stable and documented.</summary>
public sealed class WorkflowException(WorkflowFailure failure, string code, string message) : Exception(message)
{
    public WorkflowFailure Failure { get; } = failure;

    public string Code { get; } = code;
}

/// <summary>Who acts: their user id and their membership's team and role in the tenant.</summary>
public sealed record Actor(string UserId, Tenancy.MemberTeam Team, Tenancy.MemberRole Role)
{
    public bool IsAdmin => Role == Tenancy.MemberRole.Admin;
}
