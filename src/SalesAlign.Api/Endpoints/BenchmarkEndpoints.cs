namespace SalesAlign.Api.Endpoints;

/// <summary>
/// The baseline for the API benchmark (build/bench-api.sh): a bare endpoint in the same host that returns a
/// payload of a given size with no work behind it. Mapped only when <c>Benchmark:BareEndpoint</c> is true.
/// </summary>
internal static class BenchmarkEndpoints
{
    public static void MapBenchmarkEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Benchmark:BareEndpoint", false))
            return;
        var payloads = new System.Collections.Concurrent.ConcurrentDictionary<int, byte[]>();
        IResult Payload(int size)
        {
                var payload = payloads.GetOrAdd(Math.Clamp(size, 2, 1 << 20), n =>
                {
                    var bytes = new byte[n];
                    Array.Fill(bytes, (byte)'a');
                    bytes[0] = (byte)'"';
                    bytes[^1] = (byte)'"';
                    return bytes;
                });
                return Results.Bytes(payload, "application/json");
        }

        app.MapGet("/bench/bare", Payload).AllowAnonymous().ExcludeFromDescription();
        // The same, behind the same sign-in as every API route: isolates what our own code costs.
        app.MapGet("/bench/bare-signed-in", Payload).RequireAuthorization().ExcludeFromDescription();
    }
}
