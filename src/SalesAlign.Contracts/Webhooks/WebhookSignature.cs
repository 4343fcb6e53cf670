using System.Security.Cryptography;
using System.Text;

namespace SalesAlign.Contracts.Webhooks;

/// <summary>
/// Signing and verifying webhook deliveries the Standard Webhooks way: <c>webhook-signature</c> holds
/// <c>v1,&lt;base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")&gt;</c>, one per valid secret, space-separated, where
/// the key is the base64 part of a <c>whsec_…</c> secret. Here in Contracts so that receivers using the .NET
/// client can verify with the same code that signs.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header with the delivery's id, <c>{tenant}:{seq}</c>: the same on every retry, so receivers can dedupe.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header with the signing time in unix seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header with one or more space-separated <c>v1,&lt;signature&gt;</c> values.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The prefix of every secret.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>How far a timestamp may be from the receiver's clock, either way.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>A new random secret, <c>whsec_</c> followed by 32 random bytes in base64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,…</c> per secret, space-separated.</summary>
    public static string Sign(string id, long timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(s => "v1," + Convert.ToBase64String(Mac(s, id, timestamp, body))));

    /// <summary>
    /// True when the timestamp is within <see cref="Tolerance"/> of <paramref name="now"/> and any signature in the
    /// header matches any of <paramref name="secrets"/> (compared in constant time).
    /// </summary>
    /// <param name="headers">The request's headers; names are matched case-insensitively.</param>
    public static bool Verify(IEnumerable<KeyValuePair<string, string>> headers, string body, IEnumerable<string> secrets, DateTimeOffset now)
    {
        string? Header(string name) => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        if (Header(IdHeader) is not { Length: > 0 } id
            || !long.TryParse(Header(TimestampHeader), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var timestamp)
            || Header(SignatureHeader) is not { Length: > 0 } signatureHeader)
            return false;
        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        if (age > Tolerance || age < -Tolerance)
            return false;
        var offered = signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(v => v.StartsWith("v1,", StringComparison.Ordinal))
            .Select(v => TryBase64(v[3..]))
            .OfType<byte[]>()
            .ToList();
        var valid = false;
        foreach (var secret in secrets)
        {
            var expected = Mac(secret, id, timestamp, body);
            foreach (var candidate in offered)
                valid |= CryptographicOperations.FixedTimeEquals(expected, candidate);
        }
        return valid;
    }

    private static byte[] Mac(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}"));
    }

    private static byte[]? TryBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}
