namespace SalesAlign.Api;

internal static class HealthProbe
{
    /// <summary>Exit code 0 when the endpoint answers 2xx within three seconds, 1 otherwise.</summary>
    public static async Task<int> RunAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
