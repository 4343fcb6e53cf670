namespace SalesAlign.Application.Common.Abstractions;

/// <summary>
/// Adds an audit entry to the current unit of work, so it commits with the change it describes or not at
/// all. Handlers call it before their one <c>SaveChangesAsync</c>.
/// </summary>
public interface IAuditLog
{
    /// <param name="action">Stable, dotted, past tense: <c>proposal.approved</c>.</param>
    /// <param name="before">Serialized as JSON; null when the object did not exist.</param>
    /// <param name="after">Serialized as JSON; null when nothing changed in the object itself.</param>
    void Record(string action, string objectType, string objectId, object? before = null, object? after = null);
}
