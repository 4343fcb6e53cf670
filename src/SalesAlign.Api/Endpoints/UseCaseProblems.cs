using SalesAlign.Application.Common.Security;

namespace SalesAlign.Api.Endpoints;

/// <summary>
/// The error statuses a route can answer, derived from the use case it sends (decision 0047). Failures are thrown — by
/// the transport, the mediator's behaviours or the handler — and written as problem details by the one exception
/// handler; endpoints never catch. So a route's <c>Results&lt;…&gt;</c> union lists what its handler returns itself,
/// and <c>.ForUseCase&lt;TRequest&gt;()</c> adds these as problem responses to the OpenAPI document.
/// </summary>
internal static class UseCaseProblems
{
    public static IReadOnlyList<int> StatusesOf(Type requestType, RequestPolicyAttribute policy)
    {
        var statuses = new SortedSet<int>();
        var parameters = requestType.GetConstructors().SingleOrDefault()?.GetParameters() ?? [];
        // Input can be invalid (every request has a validator, a convention test checks) or unreadable; no input, neither.
        if (parameters.Length > 0)
            statuses.Add(StatusCodes.Status400BadRequest);
        if (policy is RequiresSignInAttribute or RequiresPermissionAttribute)
            statuses.Add(StatusCodes.Status401Unauthorized);
        // A permission is held in a tenant: a caller who may not act there hears 404, as for a tenant that does not exist.
        if (policy is RequiresPermissionAttribute)
            statuses.UnionWith([StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound]);
        // A write can lose a race with another writer or meet a state that refuses it; a query reads.
        if (!Implements(requestType, typeof(Mediator.IQuery<>)))
            statuses.Add(StatusCodes.Status409Conflict);
        // A request based on a revision is refused when it is stale; one that requires it, when it is missing.
        if (parameters.FirstOrDefault(p => p.Name == "ExpectedRevision") is { } revision)
        {
            statuses.Add(StatusCodes.Status412PreconditionFailed);
            if (revision.ParameterType == typeof(int))
                statuses.Add(StatusCodes.Status428PreconditionRequired);
        }
        if (parameters.Any(p => ReadsBody(p.ParameterType)))
            statuses.UnionWith([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        return [.. statuses];
    }

    public static void Describe(RouteHandlerBuilder builder, Type requestType, RequestPolicyAttribute policy)
    {
        foreach (var status in StatusesOf(requestType, policy))
        {
            if (status == StatusCodes.Status400BadRequest)
                builder.ProducesValidationProblem();
            else
                builder.ProducesProblem(status);
        }
    }

    private static bool Implements(Type type, Type generic) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);

    /// <summary>A request body arrives as a Contracts request record, or as the raw stream (the CSV import).</summary>
    private static bool ReadsBody(Type type) =>
        type == typeof(Stream)
        || (type.Namespace?.StartsWith("SalesAlign.Contracts", StringComparison.Ordinal) == true && type.Name.EndsWith("Request", StringComparison.Ordinal));
}
