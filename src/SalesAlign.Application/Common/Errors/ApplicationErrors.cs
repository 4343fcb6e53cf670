namespace SalesAlign.Application.Common.Errors;

/// <summary>
/// The object does not exist in the current tenant (404). Objects of other tenants are reported exactly the
/// same way, so ids cannot be probed.
/// </summary>
public sealed class NotFoundException(string objectType, object id)
    : Exception($"{objectType} '{id}' was not found.")
{
    public string ObjectType { get; } = objectType;
}

/// <summary>The caller edited an older revision than the current one (412 on a stale <c>If-Match</c>).</summary>
public sealed class PreconditionFailedException(string objectType, int expected, int current, Exception? inner = null)
    : Exception($"{objectType} is at revision {current}; your change was based on revision {expected}. Reload, reapply, and send If-Match: \"{current}\".", inner)
{
    public int CurrentRevision { get; } = current;
}

/// <summary>The request is understood but conflicts with the state of things (409), with a stable code.</summary>
public sealed class ConflictException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}

/// <summary>The caller is a member but lacks the permission (403), with a stable code.</summary>
public sealed class ForbiddenException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The request is well-formed but cannot be honoured as sent (422), e.g. an Idempotency-Key reused with another body.</summary>
public sealed class UnprocessableException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The caller is not signed in (401).</summary>
public sealed class UnauthorizedException() : Exception("Sign in first.")
{
    public string Code { get; } = "unauthorized";
}
