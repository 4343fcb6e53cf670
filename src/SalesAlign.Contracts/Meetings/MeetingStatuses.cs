namespace SalesAlign.Contracts.Meetings;

/// <summary>A meeting's <c>status</c> on the wire: camelCase, like every enum value.</summary>
public static class MeetingStatuses
{
    public const string Planned = "planned";
    public const string InProgress = "inProgress";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Planned, InProgress, Closed];
}
