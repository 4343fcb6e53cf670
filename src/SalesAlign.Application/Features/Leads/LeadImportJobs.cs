using System.Text;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Auditing;
using SalesAlign.Domain.Leads;

namespace SalesAlign.Application.Features.Leads;

/// <summary>The CSV import's limits and where large uploads wait for the worker (section <c>Leads</c>; decision 0037).</summary>
public sealed class LeadImportOptions
{
    public const string Section = "Leads";
    public const long DefaultImportMaxBytes = 512L * 1024 * 1024;
    public const long DefaultInlineImportBytes = 5L * 1024 * 1024;

    /// <summary>The largest upload accepted at all (<c>Leads:ImportMaxBytes</c>); over it → 413 before anything is written.</summary>
    public long ImportMaxBytes { get; set; } = DefaultImportMaxBytes;

    /// <summary>Uploads up to this size are imported inline (200); larger ones become a job (202).</summary>
    public long InlineImportBytes { get; set; } = DefaultInlineImportBytes;

    /// <summary>Where uploads are spooled, one folder per tenant; must be shared by the instance running the import worker.</summary>
    public string ImportSpoolDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "salesalign-imports");

    /// <summary>Rows per transaction in an import job.</summary>
    public int ImportChunkSize { get; set; } = 5000;

    /// <summary>Failed attempts after which a job fails for good.</summary>
    public int ImportMaxAttempts { get; set; } = 5;

    /// <summary>The spooled upload of a job: derived from ids only, never from anything the caller sent.</summary>
    public string SpoolPathFor(Guid tenantId, Guid jobId) =>
        Path.Combine(ImportSpoolDirectory, tenantId.ToString("N"), jobId.ToString("N") + ".csv");
}

/// <summary>An upload larger than <see cref="LeadImportOptions.ImportMaxBytes"/> (counted while it streams in).</summary>
public sealed class ImportTooLargeException(long limit) : Exception($"The CSV is larger than the import limit of {limit:N0} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>Writes an upload to its spool file, counting bytes; over the limit the file is deleted and nothing else happens.</summary>
public static class LeadImportSpool
{
    public static async Task<long> WriteAsync(Stream body, string path, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long total = 0;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                    throw new ImportTooLargeException(maxBytes);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            await file.FlushAsync(ct);
        }
        catch
        {
            Delete(path);
            throw;
        }
        return total;
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next clean-up; a stray spool file holds no state anyone reads.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// Queues the spooled upload as an import job: checks the header now (an unknown column refuses the file with 400, as
/// inline), then writes the job record. The worker does the rest; the caller gets 202 with the job.
/// </summary>
[RequiresPermission(Permissions.Leads.Write)]
public sealed record StartLeadImportCommand(Guid JobId, string SpoolPath, long Bytes, Guid? PlaybookId, IReadOnlyDictionary<string, string>? ColumnMap)
    : ICommand<LeadImportJobDto>;

internal sealed class StartLeadImportValidator : AbstractValidator<StartLeadImportCommand>
{
    public StartLeadImportValidator() =>
        RuleFor(c => c.ColumnMap).Must(m => m is null || m.Count <= 500).OverridePropertyName("X-Column-Map").WithMessage("At most 500 mapped columns.");
}

internal sealed class StartLeadImportHandler(IAppDbContext db, IAuditLog audit, ICurrentUser user, ITenantContext tenant, CompiledPlaybookCache cache, TimeProvider clock)
    : ICommandHandler<StartLeadImportCommand, LeadImportJobDto>
{
    public async ValueTask<LeadImportJobDto> Handle(StartLeadImportCommand command, CancellationToken cancellationToken)
    {
        var playbook = await LeadPlaybooks.CurrentAsync(db, cache, command.PlaybookId, cancellationToken);
        await using (var file = new FileStream(command.SpoolPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
        {
            using var text = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
            await LeadCsvRows.ReadHeaderAsync(new CsvRecordReader(text), [], playbook.Document, command.ColumnMap, tenant.Slug, cancellationToken);
        }
        var job = new LeadImportJob
        {
            Id = command.JobId,
            PlaybookId = playbook.PlaybookId,
            ColumnMapJson = command.ColumnMap is null ? null : JsonSerializer.Serialize(command.ColumnMap),
            Status = ImportJobStatus.Queued,
            Bytes = command.Bytes,
            RequestedBy = user.UserId ?? throw new ForbiddenException("auth.required", "An import needs a known caller."),
            CreatedAt = clock.GetUtcNow(),
        };
        db.LeadImportJobs.Add(job);
        audit.Record("leads.import_queued", "LeadImportJob", job.Id.ToString(), after: new { Playbook = playbook.PlaybookId, job.Bytes });
        await db.SaveChangesAsync(cancellationToken);
        return job.ToDto();
    }
}

/// <summary><c>GET /t/{tenant}/imports/{id}</c>: the job record as it is committed now. Another tenant's id: not found.</summary>
[RequiresPermission(Permissions.Leads.Read)]
public sealed record GetLeadImportJobQuery(Guid JobId) : IQuery<LeadImportJobDto>;

internal sealed class GetLeadImportJobValidator : AbstractValidator<GetLeadImportJobQuery>
{
    public GetLeadImportJobValidator() => RuleFor(q => q.JobId).NotEmpty().OverridePropertyName("/importId");
}

internal sealed class GetLeadImportJobHandler(IAppDbContext db) : IQueryHandler<GetLeadImportJobQuery, LeadImportJobDto>
{
    public async ValueTask<LeadImportJobDto> Handle(GetLeadImportJobQuery query, CancellationToken cancellationToken) =>
        (await db.LeadImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == query.JobId, cancellationToken)
            ?? throw new NotFoundException("Import", query.JobId)).ToDto();
}

internal static class LeadImportJobMapping
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string StatusName(ImportJobStatus status) => status switch
    {
        ImportJobStatus.Queued => ImportJobStatuses.Queued,
        ImportJobStatus.Running => ImportJobStatuses.Running,
        ImportJobStatus.Succeeded => ImportJobStatuses.Succeeded,
        _ => ImportJobStatuses.Failed,
    };

    public static List<RejectedRowDto> Rejected(this LeadImportJob job) =>
        JsonSerializer.Deserialize<List<RejectedRowDto>>(job.RejectedJson, Json) ?? [];

    public static LeadImportJobDto ToDto(this LeadImportJob job)
    {
        var rejected = job.Rejected();
        return new LeadImportJobDto(job.Id, StatusName(job.Status), job.PlaybookId, job.Bytes, job.BytesRead, job.CommittedLine, job.Rows,
            job.Created + job.Updated + job.Unchanged, job.Created, job.Updated, job.Unchanged, job.RejectedCount, rejected,
            job.RejectedCount > rejected.Count, job.RequestedBy, job.CreatedAt, job.StartedAt, job.CompletedAt, job.Error);
    }
}

/// <summary>
/// Runs one import job to its end inside the job's tenant (the caller's scope has entered it; filter and row-level
/// security apply), as the system actor <see cref="SystemActor"/>. Reads the spooled file from the start: records up to
/// the job's <see cref="LeadImportJob.CommittedLine"/> were committed before (a restart), so they are only re-read to
/// know which ids the file has already used; after it, every <see cref="LeadImportOptions.ImportChunkSize"/> records
/// the chunk's leads, the job's counts and line, a <c>leadImportProgress</c> event and the audit entry are saved in one
/// transaction. A crash loses at most the chunk in flight, which the next run writes again.
/// </summary>
public sealed class LeadImportRunner(IAppDbContext db, CompiledPlaybookCache cache, ITenantContext tenant, ILiveEvents live, LeadImportOptions options, TimeProvider clock)
{
    public const string SystemActor = "system:import";

    /// <summary>Runs the job to the end (or to a permanent failure, recorded on the job). Throws on a transient failure.</summary>
    public Task RunAsync(Guid jobId, CancellationToken ct) => RunAsync(jobId, options.ImportChunkSize, ct);

    /// <inheritdoc cref="RunAsync(Guid, CancellationToken)"/>
    public async Task RunAsync(Guid jobId, int chunkSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var job = await db.LeadImportJobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed)
            return;
        var path = options.SpoolPathFor(job.TenantId, job.Id);
        if (!File.Exists(path))
        {
            await FailAsync(job, "The uploaded file is no longer in the spool directory; send it again (rows already committed stay).", ct);
            return;
        }
        ResolvedPlaybook playbook;
        try
        {
            playbook = await LeadPlaybooks.CurrentAsync(db, cache, job.PlaybookId, ct);
        }
        catch (NotFoundException)
        {
            await FailAsync(job, "The playbook of this import no longer exists.", ct);
            return;
        }
        var now = clock.GetUtcNow();
        if (job.Status == ImportJobStatus.Queued)
        {
            job.Status = ImportJobStatus.Running;
            job.StartedAt = now;
            await db.SaveChangesAsync(ct);
        }

        var map = job.ColumnMapJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(job.ColumnMapJson);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        using var text = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var csv = new CsvRecordReader(text);
        var record = new List<string>();
        LeadCsvRows rows;
        try
        {
            rows = await LeadCsvRows.ReadHeaderAsync(csv, record, playbook.Document, map, tenant.Slug, ct);
        }
        catch (ValidationException invalid)
        {
            // The header was checked when the job was queued; a playbook changed since can make it name nothing now.
            await FailAsync(job, string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage)), ct);
            return;
        }

        var rejected = job.Rejected();
        var chunk = new List<LeadInput>(chunkSize);
        var pending = 0;
        long lastLine = job.CommittedLine;
        while (await csv.ReadAsync(record, ct))
        {
            var line = csv.RecordLine;
            var rejection = rows.Classify(record, csv.Error, line, out var input);
            if (line <= job.CommittedLine)
                continue; // committed by an earlier run: only its ids matter, for duplicates further on
            job.Rows++;
            if (rejection is not null)
            {
                job.RejectedCount++;
                if (rejected.Count < ImportLeadsCommand.RejectedLimit)
                    rejected.Add(rejection);
            }
            else
                chunk.Add(input!);
            lastLine = line;
            if (++pending >= chunkSize)
            {
                job = await CommitAsync(job, playbook, chunk, rejected, lastLine, file.Position, completed: false, ct);
                pending = 0;
            }
        }
        await CommitAsync(job, playbook, chunk, rejected, lastLine, file.Length, completed: true, ct);
        LeadImportSpool.Delete(path);
    }

    private async Task<LeadImportJob> CommitAsync(LeadImportJob job, ResolvedPlaybook playbook, List<LeadInput> chunk, List<RejectedRowDto> rejected,
        long lastLine, long bytesRead, bool completed, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<(Lead Lead, LeadWriteStatus Status)> written = chunk.Count == 0 ? [] : await LeadWriter.UpsertAsync(db, playbook, chunk, now, ct);
        var created = written.Count(w => w.Status == LeadWriteStatus.Created);
        var updated = written.Count(w => w.Status == LeadWriteStatus.Updated);
        job.Created += created;
        job.Updated += updated;
        job.Unchanged += written.Count - created - updated;
        job.CommittedLine = lastLine;
        job.BytesRead = Math.Min(bytesRead, job.Bytes);
        job.RejectedJson = JsonSerializer.Serialize(rejected, LeadImportJobMapping.Json);
        if (completed)
        {
            job.Status = ImportJobStatus.Succeeded;
            job.CompletedAt = now;
            job.BytesRead = job.Bytes;
        }
        if (created + updated > 0)
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                ActorId = SystemActor,
                Action = "leads.imported",
                ObjectType = "LeadImportJob",
                ObjectId = job.Id.ToString(),
                AfterJson = JsonSerializer.Serialize(new { Playbook = playbook.PlaybookId, Created = created, Updated = updated, job.RequestedBy, Through = lastLine }, LeadImportJobMapping.Json),
            });
        AddProgress(job);
        // One save, one transaction: the leads, the job's counts and line, the event and the audit entry commit together.
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        chunk.Clear();
        db.LeadImportJobs.Attach(job);
        return job;
    }

    private async Task FailAsync(LeadImportJob job, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        job.Status = ImportJobStatus.Failed;
        job.CompletedAt = now;
        job.Error = error.Length <= LeadImportJob.MaxErrorLength ? error : error[..LeadImportJob.MaxErrorLength];
        AddProgress(job);
        await db.SaveChangesAsync(ct);
        LeadImportSpool.Delete(options.SpoolPathFor(job.TenantId, job.Id));
    }

    private void AddProgress(LeadImportJob job) =>
        live.Publish(new LeadImportProgressData(job.Id, LeadImportJobMapping.StatusName(job.Status), job.CommittedLine, job.Rows,
            job.Created + job.Updated + job.Unchanged, job.RejectedCount, job.BytesRead, job.Bytes), SystemActor, job.Id.ToString());

    /// <summary>Records a failed attempt; after <see cref="LeadImportOptions.ImportMaxAttempts"/> the job fails for good. Committed rows stay.</summary>
    public async Task RecordFailedAttemptAsync(Guid jobId, string error, CancellationToken ct)
    {
        var job = await db.LeadImportJobs.SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed)
            return;
        job.Attempts++;
        if (job.Attempts >= options.ImportMaxAttempts)
            await FailAsync(job, $"Stopped after {job.Attempts} failed attempts; the last: {error}", ct);
        else
            await db.SaveChangesAsync(ct);
    }
}
