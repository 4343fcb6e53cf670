using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Leads;

public enum ImportJobStatus { Queued, Running, Succeeded, Failed }

/// <summary>
/// A CSV import too large to answer inline (decision 0037): the upload is spooled to disk, this record is written,
/// and a background worker commits the rows in chunks. Each chunk's leads and this record's counts are saved in one
/// transaction, so the record says at any moment exactly what landed, and a restart resumes after
/// <see cref="CommittedLine"/> without writing a row twice.
/// </summary>
public sealed class LeadImportJob : ITenantOwned
{
    public const int MaxErrorLength = 2000;

    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid PlaybookId { get; set; }

    /// <summary>The request's <c>X-Column-Map</c> as JSON, or null.</summary>
    public string? ColumnMapJson { get; set; }

    public ImportJobStatus Status { get; set; }

    /// <summary>The size of the spooled upload.</summary>
    public long Bytes { get; set; }

    /// <summary>How far into the file the committed rows reach (bytes read; approximate by the reader's buffer).</summary>
    public long BytesRead { get; set; }

    /// <summary>The physical line the last committed record starts on (0 before the first chunk): every record up to it is accounted for.</summary>
    public long CommittedLine { get; set; }

    public long Rows { get; set; }

    public long Created { get; set; }

    public long Updated { get; set; }

    public long Unchanged { get; set; }

    public long RejectedCount { get; set; }

    /// <summary>The first rejected rows (at most 1,000) as a JSON array of <c>{line, externalId, code, message, column}</c>.</summary>
    public string RejectedJson { get; set; } = "[]";

    /// <summary>Who uploaded the file (user or client id); the worker itself writes as a system actor.</summary>
    public required string RequestedBy { get; set; }

    /// <summary>Failed attempts to run the job (a database outage, a conflict); it fails for good after a few.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Error { get; set; }
}
