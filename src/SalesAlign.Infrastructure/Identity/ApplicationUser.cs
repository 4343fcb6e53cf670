using Microsoft.AspNetCore.Identity;

namespace SalesAlign.Infrastructure.Identity;

/// <summary>A person who signs in. Global: memberships say which tenants they act in.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
