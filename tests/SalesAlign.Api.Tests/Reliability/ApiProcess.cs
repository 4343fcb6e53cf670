using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SalesAlign.Api.Tests.Reliability;

/// <summary>
/// The real API as a separate OS process: <c>dotnet SalesAlign.Api.dll</c> from this test assembly's own output
/// folder (the test project references the Api project, so the build copies the dll, its runtimeconfig and deps
/// there in every configuration), configured only through environment variables, on a loopback port.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static string ApiAssembly
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "SalesAlign.Api.dll");
            var runtimeConfig = Path.ChangeExtension(dll, ".runtimeconfig.json");
            if (!File.Exists(dll) || !File.Exists(runtimeConfig))
                throw new FileNotFoundException($"The API is not in the test output ({AppContext.BaseDirectory}): expected SalesAlign.Api.dll and its runtimeconfig.json, copied there by the project reference.", dll);
            return dll;
        }
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the API on <paramref name="port"/> over the SQLite file <paramref name="databasePath"/> and waits until it answers.</summary>
    /// <param name="settings">Configuration keys (<c>Outbox:Dispatch</c>, …) passed as environment variables.</param>
    public static async Task<ApiProcess> StartAsync(int port, string databasePath, IReadOnlyDictionary<string, string> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(DotnetHost(), [ApiAssembly, "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings:SalesAlign"] = $"Data Source={databasePath}",
            ["Database:Provider"] = "Sqlite",
            // Production seeds nothing unless asked; these runs sign in as demo users.
            ["Demo:Seed"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            // The run is about events, not leads: a few demo leads keep the process start short on a busy machine.
            ["Demo:LeadsPerTenant"] = "20",
            // Re-scoring after a publish emits its own progress events at a moment of its choosing; the runs
            // checked here are the commands' events, so the worker stays off.
            ["Leads:Rescore:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        foreach (var (key, value) in environment)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new Process { StartInfo = start };
        var api = new ApiProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => api.Append(e.Data);
        process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await api.WaitUntilLiveAsync();
        return api;
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed or handed over.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The API exited with {_process.ExitCode} while starting:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri("health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The API did not answer on {BaseAddress} within 90 s:\n{Output}");
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
