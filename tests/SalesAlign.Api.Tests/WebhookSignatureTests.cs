using SalesAlign.Contracts.Webhooks;
using SalesAlign.Domain.Webhooks;

namespace SalesAlign.Api.Tests;

public sealed class WebhookSignatureTests
{
    // The example of the Standard Webhooks specification, so we interoperate with its libraries.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecBody = """{"test": 2432232314}""";
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // A second secret and its signature over acme:42, computed independently (Python hmac).
    private const string SecondSecret = "whsec_c2VjcmV0LXR3by1mb3Itcm90YXRpb24tdGVzdHM=";
    private const string SecondSignature = "v1,vraDxfT/+GK5DyWmqb26DlZLsADsS42AKZ6T0FAaM2E=";

    private static readonly DateTimeOffset SpecTime = DateTimeOffset.FromUnixTimeSeconds(SpecTimestamp);

    private static Dictionary<string, string> Headers(string id, long timestamp, string signature) => new()
    {
        ["Webhook-Id"] = id,
        ["Webhook-Timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhook-Signature"] = signature,
    };

    [Fact]
    public void Sign_matches_the_specification_vector() =>
        WebhookSignature.Sign(SpecId, SpecTimestamp, SpecBody, [SpecSecret]).ShouldBe(SpecSignature);

    [Fact]
    public void Sign_with_two_secrets_during_rotation_gives_two_space_separated_signatures()
    {
        var signature = WebhookSignature.Sign("acme:42", 1700000000, """{"seq":42}""", [SecondSecret, SpecSecret]);

        signature.Split(' ')[0].ShouldBe(SecondSignature);
        signature.Split(' ').Length.ShouldBe(2);
    }

    [Fact]
    public void Verify_accepts_the_specification_vector_within_five_minutes()
    {
        var clock = new FakeClock(SpecTime.AddMinutes(4));

        WebhookSignature.Verify(Headers(SpecId, SpecTimestamp, SpecSignature), SpecBody, [SpecSecret], clock.GetUtcNow()).ShouldBeTrue();
    }

    [Fact]
    public void Verify_rejects_a_tampered_body_while_the_original_verifies()
    {
        var headers = Headers(SpecId, SpecTimestamp, SpecSignature);

        WebhookSignature.Verify(headers, SpecBody, [SpecSecret], SpecTime).ShouldBeTrue();
        WebhookSignature.Verify(headers, """{"test": 2432232315}""", [SpecSecret], SpecTime).ShouldBeFalse();
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Verify_rejects_a_timestamp_more_than_five_minutes_away(int skewSeconds)
    {
        var clock = new FakeClock(SpecTime.AddSeconds(skewSeconds));

        WebhookSignature.Verify(Headers(SpecId, SpecTimestamp, SpecSignature), SpecBody, [SpecSecret], clock.GetUtcNow()).ShouldBeFalse();
        WebhookSignature.Verify(Headers(SpecId, SpecTimestamp, SpecSignature), SpecBody, [SpecSecret], SpecTime.AddSeconds(skewSeconds / 2)).ShouldBeTrue();
    }

    [Fact]
    public void Verify_during_rotation_accepts_a_receiver_that_knows_either_secret_but_not_a_stranger()
    {
        var signature = WebhookSignature.Sign(SpecId, SpecTimestamp, SpecBody, [SecondSecret, SpecSecret]);
        var headers = Headers(SpecId, SpecTimestamp, signature);

        WebhookSignature.Verify(headers, SpecBody, [SpecSecret], SpecTime).ShouldBeTrue();
        WebhookSignature.Verify(headers, SpecBody, [SecondSecret], SpecTime).ShouldBeTrue();
        WebhookSignature.Verify(headers, SpecBody, [WebhookSignature.NewSecret()], SpecTime).ShouldBeFalse();
    }

    [Fact]
    public void Verify_rejects_missing_headers_and_unknown_versions()
    {
        WebhookSignature.Verify(new Dictionary<string, string>(), SpecBody, [SpecSecret], SpecTime).ShouldBeFalse();
        WebhookSignature.Verify(Headers(SpecId, SpecTimestamp, SpecSignature.Replace("v1,", "v2,", StringComparison.Ordinal)), SpecBody, [SpecSecret], SpecTime).ShouldBeFalse();
    }

    [Fact]
    public void A_webhook_signs_with_its_previous_secret_only_until_that_expires()
    {
        var now = DateTimeOffset.UtcNow;
        var webhook = new Webhook { Url = "https://example.com", Secret = "whsec_new", CreatedBy = "u", PreviousSecret = "whsec_old", PreviousSecretExpiresAt = now.AddHours(1) };

        webhook.SigningSecrets(now).ShouldBe(["whsec_new", "whsec_old"]);
        webhook.SigningSecrets(now.AddHours(2)).ShouldBe(["whsec_new"]);
    }

    [Fact]
    public void The_backoff_schedule_grows_then_gives_up_after_eight_attempts()
    {
        var now = new FakeClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).GetUtcNow();
        TimeSpan[] expected =
        [
            TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
            TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(6),
        ];

        for (var failed = 1; failed < WebhookRetrySchedule.MaxAttempts; failed++)
        {
            WebhookRetrySchedule.NextAttempt(failed, now, jitter: 0.5).ShouldBe(now + expected[failed - 1]);
            WebhookRetrySchedule.NextAttempt(failed, now, jitter: 0).ShouldBe(now + expected[failed - 1] * 0.8);
            WebhookRetrySchedule.NextAttempt(failed, now, jitter: 0.999999)!.Value.ShouldBeLessThan(now + expected[failed - 1] * 1.2);
        }
        WebhookRetrySchedule.NextAttempt(WebhookRetrySchedule.MaxAttempts, now, 0.5).ShouldBeNull();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Non_public_addresses_are_refused(string address) =>
        NetworkAddresses.IsPublic(System.Net.IPAddress.Parse(address)).ShouldBeFalse();

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    [InlineData("::ffff:93.184.216.34")]
    public void Public_addresses_are_allowed(string address) =>
        NetworkAddresses.IsPublic(System.Net.IPAddress.Parse(address)).ShouldBeTrue();
}

/// <summary>A clock that moves only when told to (Microsoft.Extensions.TimeProvider.Testing would do; this is enough).</summary>
internal sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
