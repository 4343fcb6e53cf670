using Mediator;

namespace SalesAlign.Web.Services;

/// <summary>
/// Runs a command or query as the circuit's signed-in user. With a tenant, it applies exactly the rule of the HTTP
/// routes first (the host shares the code): not a member → 404 <c>tenant_not_found</c>, the message's declared
/// permission not held → 403 <c>permission_denied</c>; then the message runs in a fresh scope that has entered the
/// tenant. The page never names a permission: the message carries its own. Failures surface as
/// <see cref="UiProblemException"/> with the API's status, code and JSON Pointers.
/// </summary>
public interface ITenantSender
{
    /// <summary>A query about the user rather than a tenant (e.g. <c>GetMeQuery</c>): requires sign-in only.</summary>
    Task<T> QueryAsync<T>(IQuery<T> query, CancellationToken cancellationToken = default);

    Task<T> QueryAsync<T>(string tenant, IQuery<T> query, CancellationToken cancellationToken = default);

    Task<T> CommandAsync<T>(string tenant, ICommand<T> command, CancellationToken cancellationToken = default);
}
