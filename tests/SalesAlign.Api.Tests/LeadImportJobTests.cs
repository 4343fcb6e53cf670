using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Api.Tests;

/// <summary>A host whose import limits are tiny (10 KB inline, 200 KB at most, 100 rows a chunk), with the import worker running.</summary>
public sealed class ImportJobApiFactory : WebApplicationFactory<Program>
{
    public const long InlineBytes = 10 * 1024;
    public const long MaxBytes = 200 * 1024;
    public const int ChunkSize = 100;

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"salesalign-imports-{Guid.NewGuid():N}.db");

    public string SpoolDirectory { get; } = Path.Combine(Path.GetTempPath(), $"salesalign-spool-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:SalesAlign", $"Data Source={_databasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:LeadsPerTenant", "20");
        builder.UseSetting("Webhooks:Deliver", "false");
        builder.UseSetting("Outbox:Dispatch", "false");
        builder.UseSetting("Leads:InlineImportBytes", InlineBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Leads:ImportMaxBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Leads:ImportChunkSize", ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Leads:ImportSpoolDirectory", SpoolDirectory);
        builder.UseSetting("Leads:ImportJobs:PollInterval", "00:00:00.200");
    }

    public async Task<HttpClient> ClientFor(string email)
    {
        var client = CreateClient();
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "salesalign-cli",
            ["username"] = email,
            ["password"] = ApiFactory.Password,
            ["scope"] = "api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString());
        return client;
    }

    /// <summary>Reads acme's data as acme (filter and tenant context as in a request).</summary>
    public async Task<T> InAcmeAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var acme = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == "acme");
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Enter(acme.Id, acme.Slug);
        return await read(db);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
        if (Directory.Exists(SpoolDirectory))
            Directory.Delete(SpoolDirectory, recursive: true);
    }
}

/// <summary>Issue 10 item 6: a large CSV import becomes a job with an honest record; over the maximum nothing is written.</summary>
public sealed class LeadImportJobTests(ImportJobApiFactory factory) : IClassFixture<ImportJobApiFactory>
{
    private const string Api = "/api/v1/t/acme";

    /// <summary>A CSV of <paramref name="rows"/> leads with ids <c>{prefix}-{i}</c>, padded with a long title; every 50th has a bad company size.</summary>
    private static string Csv(string prefix, int rows, int titleLength = 40)
    {
        var csv = new StringBuilder("externalId,title,seniority,companySize\n");
        for (var i = 0; i < rows; i++)
            csv.Append(prefix).Append('-').Append(i).Append(',').Append(new string('t', titleLength)).Append(",VP,").Append(i % 50 == 7 ? "lots" : "800").Append('\n');
        return csv.ToString();
    }

    private static StringContent CsvContent(string csv) => new(csv, Encoding.UTF8, "text/csv");

    private Task<int> LeadsWithPrefixAsync(string prefix) => factory.InAcmeAsync(db => db.Leads.CountAsync(l => l.ExternalId.StartsWith(prefix + "-")));

    private static async Task<JsonElement> PollUntilDoneAsync(HttpClient client, string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var response = await client.GetAsync(location);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var job = await response.Json();
            var status = job.GetProperty("status").GetString();
            if (status is "succeeded" or "failed")
                return job;
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the import job is still {status}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_file_over_the_inline_limit_is_answered_202_with_Location_and_the_job_ends_with_exact_counts_and_rejected_lines()
    {
        var client = await factory.ClientFor("chris@acme.example");
        var prefix = $"JOB-{Guid.NewGuid():N}"[..12];
        // 1,000 rows (20 with a bad company size on lines 9, 59, …), then a repeat of row 3: a duplicate on line 1002.
        var csv = Csv(prefix, 1000) + $"{prefix}-3,again,VP,800\n";
        var small = $"JOBS-{Guid.NewGuid():N}"[..12];

        var inline = await client.PostAsync($"{Api}/leads:import", CsvContent(Csv(small, 10)));
        var accepted = await client.PostAsync($"{Api}/leads:import", CsvContent(csv));
        var body = await accepted.Json();
        var job = await PollUntilDoneAsync(client, accepted.Headers.Location!.ToString());
        var landed = await LeadsWithPrefixAsync(prefix);
        var jobId = body.GetProperty("id").GetGuid();
        var progress = await factory.InAcmeAsync(db => db.OutboxEvents.AsNoTracking()
            .Where(e => e.Type == LiveEventTypes.LeadImportProgress && e.ObjectId == jobId.ToString()).OrderBy(e => e.Seq).Select(e => e.DataJson!).ToListAsync());

        // Allowed control: a small file keeps answering inline.
        Encoding.UTF8.GetByteCount(Csv(small, 10)).ShouldBeLessThan((int)ImportJobApiFactory.InlineBytes);
        inline.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await inline.Json()).GetProperty("accepted").GetInt32().ShouldBe(9); // row 7 has a bad company size
        (await LeadsWithPrefixAsync(small)).ShouldBe(9);

        Encoding.UTF8.GetByteCount(csv).ShouldBeGreaterThan((int)ImportJobApiFactory.InlineBytes);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        accepted.Headers.Location!.ToString().ShouldBe($"/api/v1/t/acme/imports/{jobId}");
        body.GetProperty("status").GetString().ShouldBe("queued");
        body.GetProperty("bytes").GetInt64().ShouldBe(Encoding.UTF8.GetByteCount(csv));

        job.GetProperty("status").GetString().ShouldBe("succeeded", job.ToString());
        job.GetProperty("rows").GetInt64().ShouldBe(1001);
        job.GetProperty("accepted").GetInt64().ShouldBe(980);
        job.GetProperty("created").GetInt64().ShouldBe(980);
        job.GetProperty("rejectedCount").GetInt64().ShouldBe(21);
        job.GetProperty("committedLine").GetInt64().ShouldBe(1002);
        job.GetProperty("bytesRead").GetInt64().ShouldBe(job.GetProperty("bytes").GetInt64());
        var rejected = job.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("line").GetInt64(), r.GetProperty("code").GetString())).ToList();
        rejected.ShouldBe([.. Enumerable.Range(0, 20).Select(k => (k * 50 + 7 + 2L, "wrong_type")), (1002L, "duplicate_id")]);
        landed.ShouldBe(980);
        // One progress event per committed chunk of 100 rows (the last one with the final row), the last says succeeded.
        progress.Count.ShouldBe(11);
        JsonDocument.Parse(progress[^1]).RootElement.GetProperty("status").GetString().ShouldBe("succeeded");
        JsonDocument.Parse(progress[0]).RootElement.GetProperty("committedLine").GetInt64().ShouldBe(101);
        // The spooled upload is cleaned up once the job is done.
        Directory.EnumerateFiles(factory.SpoolDirectory, "*", SearchOption.AllDirectories).ShouldNotContain(f => f.Contains(jobId.ToString("N")));
    }

    [Fact]
    public async Task A_file_over_the_maximum_gets_413_problem_and_writes_nothing_whether_its_length_is_declared_or_not()
    {
        var client = await factory.ClientFor("chris@acme.example");
        var big = $"BIG-{Guid.NewGuid():N}"[..12];
        var chunked = $"BIC-{Guid.NewGuid():N}"[..12];
        var under = $"UND-{Guid.NewGuid():N}"[..12];
        var bigCsv = Csv(big, 4000);
        var jobsBefore = await factory.InAcmeAsync(db => db.LeadImportJobs.CountAsync());

        var declared = await client.PostAsync($"{Api}/leads:import", CsvContent(bigCsv));
        var undeclared = await client.PostAsync($"{Api}/leads:import", new UnknownLengthContent(Csv(chunked, 4000)));
        var small = await client.PostAsync($"{Api}/leads:import", new UnknownLengthContent(Csv(under, 10)));
        var large = await client.PostAsync($"{Api}/leads:import", new UnknownLengthContent(Csv(under + "L", 1000)));

        Encoding.UTF8.GetByteCount(bigCsv).ShouldBeGreaterThan((int)ImportJobApiFactory.MaxBytes);
        foreach (var refused in new[] { declared, undeclared })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await refused.ProblemCode()).ShouldBe("payload_too_large");
        }
        (await LeadsWithPrefixAsync(big)).ShouldBe(0);
        (await LeadsWithPrefixAsync(chunked)).ShouldBe(0);
        // Allowed controls without a declared length: small is answered inline, large (under the maximum) becomes a job.
        small.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await small.Json()).GetProperty("accepted").GetInt32().ShouldBe(9);
        large.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await PollUntilDoneAsync(client, large.Headers.Location!.ToString())).GetProperty("accepted").GetInt64().ShouldBe(980);
        (await factory.InAcmeAsync(db => db.LeadImportJobs.CountAsync())).ShouldBe(jobsBefore + 1);
    }

    [Fact]
    public async Task Another_tenants_caller_gets_404_on_the_job_URL_and_the_importing_tenant_reads_it()
    {
        var chris = await factory.ClientFor("chris@acme.example");
        var val = await factory.ClientFor("val@acme.example");
        var gina = await factory.ClientFor("gina@globex.example");
        var accepted = await chris.PostAsync($"{Api}/leads:import", CsvContent(Csv($"TEN-{Guid.NewGuid():N}"[..12], 300)));
        var id = (await accepted.Json()).GetProperty("id").GetGuid();

        var underGlobex = await gina.GetAsync($"/api/v1/t/globex/imports/{id}");
        var underAcme = await gina.GetAsync($"/api/v1/t/acme/imports/{id}");
        var viewer = await val.GetAsync($"/api/v1/t/acme/imports/{id}");
        var owner = await chris.GetAsync($"/api/v1/t/acme/imports/{id}");

        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        underGlobex.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await underGlobex.ProblemCode()).ShouldBe("not_found");
        underAcme.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await underAcme.Content.ReadAsStringAsync()).ShouldNotContain("rejected");
        // Allowed controls: acme's members (leads.read) read the job.
        viewer.StatusCode.ShouldBe(HttpStatusCode.OK);
        owner.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Json()).GetProperty("id").GetGuid().ShouldBe(id);
        await PollUntilDoneAsync(chris, $"/api/v1/t/acme/imports/{id}");
    }

    /// <summary>A CSV body sent without Content-Length (chunked), as a streaming client does.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(string csv)
        {
            _bytes = Encoding.UTF8.GetBytes(csv);
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < _bytes.Length; i += 4096)
                await stream.WriteAsync(_bytes.AsMemory(i, Math.Min(4096, _bytes.Length - i)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
