using Microsoft.AspNetCore.Identity;
using SalesAlign.Infrastructure.Identity;

namespace SalesAlign.Api.Identity;

/// <summary>What a password sign-in came to.</summary>
internal enum PasswordSignInStatus
{
    Succeeded,
    /// <summary>Unknown account or wrong password: the two are never told apart.</summary>
    Wrong,
    /// <summary>The right password for an account that may not sign in (disabled by an admin).</summary>
    CannotSignIn,
    /// <summary>Too many failures for this account from this address; try again after <see cref="PasswordSignInOutcome.RetryAfter"/>.</summary>
    Throttled,
}

internal sealed record PasswordSignInOutcome(PasswordSignInStatus Status, ApplicationUser? User = null, TimeSpan RetryAfter = default)
{
    /// <summary>Whole seconds for a <c>Retry-After</c> header (at least 1).</summary>
    public string RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The one password check behind both the login page and the password grant. Known and unknown accounts take
/// the same path (an unknown one verifies the password against a dummy hash, so both cost one hash) and get the
/// same answer; failures are throttled per account and client address (<see cref="SignInThrottle"/>), never by
/// locking the account, so a stranger's guesses cannot keep its owner out.
/// </summary>
internal sealed class PasswordSignIn(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IPasswordHasher<ApplicationUser> hasher, SignInThrottle throttle)
{
    public const string WrongMessage = "The email or password is wrong.";
    public const string ThrottledCode = "sign_in_throttled";

    private static readonly ApplicationUser DummyUser = new() { Id = "dummy", UserName = "dummy" };
    private static string? s_dummyHash;

    public async Task<PasswordSignInOutcome> CheckAsync(string? login, string? password, System.Net.IPAddress? address)
    {
        login = login?.Trim() ?? "";
        password ??= "";
        var key = SignInThrottle.KeyOf(users.NormalizeEmail(login) ?? "", address);
        if (throttle.TryBegin(key) is { } wait)
            return new(PasswordSignInStatus.Throttled, RetryAfter: wait);

        var user = login.Length == 0 ? null : await users.FindByEmailAsync(login) ?? await users.FindByNameAsync(login);
        bool right;
        if (user is null || string.IsNullOrEmpty(user.PasswordHash))
        {
            // As costly as checking a real password, so the answer's timing does not tell which accounts exist.
            hasher.VerifyHashedPassword(DummyUser, DummyHash(), password);
            right = false;
        }
        else
        {
            right = await users.CheckPasswordAsync(user, password);
        }
        if (!right)
            return new(PasswordSignInStatus.Wrong);

        throttle.Succeeded(key);
        if (!await signIn.CanSignInAsync(user!) || await users.IsLockedOutAsync(user!))
            return new(PasswordSignInStatus.CannotSignIn);
        return new(PasswordSignInStatus.Succeeded, user);
    }

    /// <summary>A hash made by the configured hasher (same algorithm and work factor as real ones), of a random password.</summary>
    private string DummyHash() => s_dummyHash ??= hasher.HashPassword(DummyUser, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
}
