using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SalesAlign.Domain.Playbooks;
using Xunit.Abstractions;

namespace SalesAlign.Api.Tests;

/// <summary>
/// What one edit of a draft costs the server: SQL commands (by kind), typed document parses and document
/// diffs, counted from the outside (EF Core's diagnostic events and the documents meter) for the requests that
/// carry this probe's header only — other tests run in parallel on other hosts. The ceilings are the edit path
/// as one use case (docs/performance.md, "One edit of a draft"); a change that loads, parses or diffs the
/// draft again fails here.
/// </summary>
[Collection(nameof(ApiHost))]
public sealed class EditPathCostTests(ApiFactory factory, ITestOutputHelper output)
{
    [Fact]
    public async Task A_whole_document_edit_reads_the_proposal_once_parses_the_draft_once_and_diffs_once()
    {
        var (client, url, etag, draft) = await NewProposal();
        draft["handoff"]!["serviceLevelHours"] = 9;

        using var probe = new CostProbe();
        using var request = probe.Tag(new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { document = draft }) });
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        output.WriteLine($"whole document: {probe}");
        probe.Selects.ShouldBeLessThanOrEqualTo(MaxSelects, probe.ToString());
        probe.Parses.ShouldBe(1, probe.ToString());
        probe.Diffs.ShouldBe(1, probe.ToString());
    }

    [Fact]
    public async Task A_json_patch_edit_reads_the_proposal_once_parses_the_draft_once_and_diffs_once()
    {
        var (client, url, etag, _) = await NewProposal();

        using var probe = new CostProbe();
        using var request = probe.Tag(new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent("""[{"op":"replace","path":"/handoff/serviceLevelHours","value":10}]""", Encoding.UTF8, "application/json-patch+json"),
        });
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        output.WriteLine($"JSON Patch: {probe}");
        probe.Selects.ShouldBeLessThanOrEqualTo(MaxSelects, probe.ToString());
        probe.Parses.ShouldBe(1, probe.ToString());
        probe.Diffs.ShouldBe(1, probe.ToString());
    }

    /// <summary>The proposal with its reviews, its playbook, its base and current versions, the author's membership; the event counter.</summary>
    private const int MaxSelects = 5;

    private async Task<(HttpClient Client, string Url, string ETag, JsonNode Draft)> NewProposal()
    {
        var client = await factory.ClientFor("chris@acme.example");
        var playbooks = await (await client.GetAsync("/api/v1/t/acme/playbooks")).Json();
        var playbookId = playbooks.GetProperty("items")[0].GetProperty("id").GetString();
        var created = await client.PostJson($"/api/v1/t/acme/playbooks/{playbookId}/proposals", new { title = "Cost probe" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var proposal = await created.Json();
        return (client, $"/api/v1/t/acme/proposals/{proposal.GetProperty("id").GetString()}", created.Headers.ETag!.Tag,
            JsonNode.Parse(proposal.GetProperty("draft").GetRawText())!);
    }

    /// <summary>Counts SQL commands, document parses and diffs done while serving requests tagged with its header.</summary>
    private sealed class CostProbe : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private const string Header = "X-Cost-Probe";
        private readonly string _id = Guid.NewGuid().ToString("N");
        private readonly HttpContextAccessor _http = new();
        private readonly ConcurrentQueue<string> _commands = new();
        private readonly MeterListener _meters = new();
        private readonly IDisposable _listeners;
        private readonly List<IDisposable> _subscriptions = [];
        private long _parses;
        private long _diffs;

        public CostProbe()
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DocumentWork.MeterName)
                    listener.EnableMeasurementEvents(instrument);
            };
            _meters.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (!Mine())
                    return;
                if (instrument == DocumentWork.Parses)
                    Interlocked.Add(ref _parses, value);
                else if (instrument == DocumentWork.Diffs)
                    Interlocked.Add(ref _diffs, value);
            });
            _meters.Start();
            _listeners = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public HttpRequestMessage Tag(HttpRequestMessage request)
        {
            request.Headers.Add(Header, _id);
            return request;
        }

        public int Commands => _commands.Count;

        public int Selects => _commands.Count(c => c.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));

        public long Parses => Interlocked.Read(ref _parses);

        public long Diffs => Interlocked.Read(ref _diffs);

        private bool Mine() => _http.HttpContext?.Request.Headers[Header].ToString() == _id;

        public override string ToString() =>
            $"{Commands} SQL commands ({Selects} SELECT), {Parses} document parses, {Diffs} diffs" + Environment.NewLine +
            string.Join(Environment.NewLine, _commands.Select(c => "  " + c));

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
                lock (_subscriptions)
                    _subscriptions.Add(value.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data && Mine())
                _commands.Enqueue(Summary(data.Command.CommandText));
        }

        private static string Summary(string sql)
        {
            var oneLine = string.Join(' ', sql.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
            return oneLine.Length <= 140 ? oneLine : oneLine[..140] + "…";
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            _listeners.Dispose();
            lock (_subscriptions)
                _subscriptions.ForEach(s => s.Dispose());
            _meters.Dispose();
        }
    }
}
