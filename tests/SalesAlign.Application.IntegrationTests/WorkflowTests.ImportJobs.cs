using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Leads;
using SalesAlign.Infrastructure.Tenancy;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>Issue 10 item 6: CSV import jobs commit in chunks and resume after a crash without writing a row twice, on SQLite and PostgreSQL.</summary>
public abstract partial class WorkflowTests
{
    /// <summary>Spools <paramref name="csv"/> where the worker looks for it and queues the job as Chris.</summary>
    private async Task<LeadImportJobDto> QueueImportAsync(Guid tenant, string csv)
    {
        var options = app.Services.GetRequiredService<LeadImportOptions>();
        var jobId = Guid.CreateVersion7();
        var path = options.SpoolPathFor(tenant, jobId);
        await using var body = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var bytes = await LeadImportSpool.WriteAsync(body, path, options.ImportMaxBytes, CancellationToken.None);
        return await app.SendAsync(tenant, Chris, new StartLeadImportCommand(jobId, path, bytes, null, null));
    }

    /// <summary>A new worker's run of the job: a fresh scope inside the tenant, as <c>LeadImportWorker</c> does it.</summary>
    private async Task RunImportAsync(Guid tenant, Guid jobId, int chunkSize)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant, $"t-{tenant:N}");
        await scope.ServiceProvider.GetRequiredService<LeadImportRunner>().RunAsync(jobId, chunkSize, CancellationToken.None);
    }

    private static string ImportCsv()
    {
        // 12 rows on lines 2–13: line 5 has a bad company size, line 12 repeats L-1 (committed before the crash).
        var csv = new StringBuilder("externalId,seniority,companySize\n");
        for (var i = 0; i < 10; i++)
            csv.Append("L-").Append(i).Append(",VP,").Append(i == 3 ? "lots" : "800").Append('\n');
        csv.Append("L-1,Manager,10\n");
        csv.Append("L-10,Director,50\n");
        return csv.ToString();
    }

    [Fact]
    public async Task An_import_job_interrupted_after_a_chunk_resumes_after_its_committed_line_and_ends_with_exact_counts_and_no_duplicates()
    {
        if (Unavailable()) return;
        var (tenant, _) = await PlaybookAsync();
        var queued = await QueueImportAsync(tenant, ImportCsv());

        // Saves: (1) queued → running, (2) the first chunk (lines 2–5), (3) the second chunk — which "crashes" before its SQL.
        app.BeforeNextSave = _ =>
        {
            app.BeforeNextSave = _ =>
            {
                app.BeforeNextSave = _ => throw new IOException("Simulated crash before the second chunk commits.");
                return Task.CompletedTask;
            };
            return Task.CompletedTask;
        };
        await Should.ThrowAsync<IOException>(() => RunImportAsync(tenant, queued.Id, chunkSize: 4));
        var interrupted = await app.SendAsync(tenant, Sam, new GetLeadImportJobQuery(queued.Id));
        var leadsAfterCrash = await app.InDbAsync(tenant, db => db.Leads.AsNoTracking().Select(l => l.ExternalId).OrderBy(x => x).ToListAsync());

        await RunImportAsync(tenant, queued.Id, chunkSize: 4);
        var done = await app.SendAsync(tenant, Sam, new GetLeadImportJobQuery(queued.Id));
        var leads = await app.InDbAsync(tenant, db => db.Leads.AsNoTracking().Select(l => l.ExternalId).ToListAsync());
        var events = await app.InDbAsync(tenant, db => db.OutboxEvents.AsNoTracking().Where(e => e.Type == LiveEventTypes.LeadImportProgress).CountAsync());
        var audit = await app.InDbAsync(tenant, db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "leads.imported").Select(a => a.ActorId).ToListAsync());
        var spooled = File.Exists(app.Services.GetRequiredService<LeadImportOptions>().SpoolPathFor(tenant, queued.Id));

        queued.Status.ShouldBe(ImportJobStatuses.Queued);
        // The record after the crash says exactly what landed: the first chunk, nothing of the second.
        interrupted.Status.ShouldBe(ImportJobStatuses.Running);
        (interrupted.CommittedLine, interrupted.Rows, interrupted.Created, interrupted.RejectedCount).ShouldBe((5L, 4L, 3L, 1L));
        interrupted.Rejected.Select(r => (r.Line, r.Code)).ShouldBe([(5L, "wrong_type")]);
        leadsAfterCrash.ShouldBe(["L-0", "L-1", "L-2"]);
        // Resumed by a new run: every row counted once, the duplicate of a pre-crash id still recognised.
        done.Status.ShouldBe(ImportJobStatuses.Succeeded);
        (done.CommittedLine, done.Rows, done.Accepted, done.Created, done.Updated, done.RejectedCount).ShouldBe((13L, 12L, 10L, 10L, 0L, 2L));
        done.Rejected.Select(r => (r.Line, r.Code)).ShouldBe([(5L, "wrong_type"), (12L, "duplicate_id")]);
        leads.Count.ShouldBe(10);
        leads.ShouldBeUnique();
        events.ShouldBe(4); // the first chunk; after the restart two chunks and the closing commit that marks it succeeded
        audit.ShouldAllBe(a => a == LeadImportRunner.SystemActor);
        audit.Count.ShouldBe(3);
        spooled.ShouldBeFalse();
    }

    [Fact]
    public async Task An_import_job_with_an_unknown_column_is_refused_before_it_is_queued_and_a_known_header_is_queued()
    {
        if (Unavailable()) return;
        var (tenant, _) = await PlaybookAsync();

        var refused = await Should.ThrowAsync<FluentValidation.ValidationException>(() => QueueImportAsync(tenant, "externalId,shoeSize\nL-1,42\n"));
        var queued = await QueueImportAsync(tenant, "externalId,seniority\nL-1,VP\n");
        var jobs = await app.InDbAsync(tenant, db => db.LeadImportJobs.AsNoTracking().Select(j => j.Status).ToListAsync());

        refused.Errors.ShouldContain(e => e.ErrorCode == "import.unknown_column");
        jobs.ShouldBe([ImportJobStatus.Queued]);
        queued.RequestedBy.ShouldBe(Chris.UserId);
    }
}
