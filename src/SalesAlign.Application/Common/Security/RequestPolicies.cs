using System.Collections.Concurrent;
using System.Reflection;

namespace SalesAlign.Application.Common.Security;

/// <summary>
/// What a command or query needs before its handler runs, declared on its record (exactly one per request, a
/// convention test checks). <c>AuthorizationBehavior</c> (through <see cref="RequestAuthorizer"/>) enforces it for every
/// caller; routes, the hub and the web UI read the same declaration instead of naming a permission themselves.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public abstract class RequestPolicyAttribute : Attribute
{
    /// <summary>How <c>docs/authorization.md</c> writes the policy: a permission name, <c>signed-in</c>, <c>anonymous</c> or <c>system</c>.</summary>
    public abstract string Describe();
}

/// <summary>The caller must hold <see cref="Permission"/> in the current tenant (<see cref="AccessPolicy"/>).</summary>
public sealed class RequiresPermissionAttribute(string permission) : RequestPolicyAttribute
{
    public string Permission { get; } = permission;

    public override string Describe() => Permission;
}

/// <summary>Any signed-in caller, no tenant needed (the caller's own profile, creating a tenant).</summary>
public sealed class RequiresSignInAttribute : RequestPolicyAttribute
{
    public override string Describe() => "signed-in";
}

/// <summary>Anyone, signed in or not (the scoring sandbox).</summary>
public sealed class AllowAnonymousRequestAttribute : RequestPolicyAttribute
{
    public override string Describe() => "anonymous";
}

/// <summary>Only the system actor (a background worker, <see cref="Abstractions.ICurrentUser.IsSystem"/>), never a person or client.</summary>
public sealed class SystemOnlyAttribute : RequestPolicyAttribute
{
    public override string Describe() => "system";
}

/// <summary>Reads a request type's declaration (cached: the set of request types is fixed at build time).</summary>
public static class RequestPolicy
{
    private static readonly ConcurrentDictionary<Type, RequestPolicyAttribute?> Declared = new();

    /// <summary>The one declaration of <paramref name="requestType"/>, or null when it declares none (then nobody may send it).</summary>
    public static RequestPolicyAttribute? Of(Type requestType) =>
        Declared.GetOrAdd(requestType, static t => t.GetCustomAttribute<RequestPolicyAttribute>(inherit: false));

    public static RequestPolicyAttribute? Of<TRequest>() => Of(typeof(TRequest));

    /// <summary>The permission <typeparamref name="TRequest"/> requires, or null when it is not a tenant permission.</summary>
    public static string? PermissionOf<TRequest>() => (Of<TRequest>() as RequiresPermissionAttribute)?.Permission;
}
