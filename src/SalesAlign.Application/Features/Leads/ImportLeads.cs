using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Application.Features.Leads;

/// <summary>
/// <c>POST /t/{tenant}/leads:import</c>: a CSV body read as a stream and committed in chunks (decision 0018), so a file
/// of any size is never held in memory and a failure part-way keeps what was committed. Not a command on purpose:
/// one transaction per chunk, not one for the whole file. Each row is written whole or rejected with its line.
/// </summary>
/// <param name="ColumnMap">CSV header → field key (or <c>externalId</c>, <c>events</c>, <c>tenant</c>; empty = ignore the column).</param>
[RequiresPermission(Permissions.Leads.Write)]
public sealed record ImportLeadsCommand(Stream Body, Guid? PlaybookId = null, IReadOnlyDictionary<string, string>? ColumnMap = null, int ChunkSize = ImportLeadsCommand.DefaultChunkSize)
    : IRequest<ImportLeadsResponse>
{
    public const int DefaultChunkSize = 500;

    /// <summary>At most this many rejected rows are listed; <c>rejectedCount</c> counts them all.</summary>
    public const int RejectedLimit = 1000;
}

internal sealed class ImportLeadsValidator : AbstractValidator<ImportLeadsCommand>
{
    public ImportLeadsValidator()
    {
        RuleFor(c => c.ColumnMap).Must(m => m is null || m.Count <= 500).OverridePropertyName("X-Column-Map").WithMessage("At most 500 mapped columns.");
        RuleFor(c => c.ChunkSize).InclusiveBetween(1, 10_000);
    }
}

internal sealed class ImportLeadsHandler(IAppDbContext db, IAuditLog audit, ITenantContext tenant, CompiledPlaybookCache cache, TimeProvider clock)
    : IRequestHandler<ImportLeadsCommand, ImportLeadsResponse>
{
    private const int RejectedLimit = ImportLeadsCommand.RejectedLimit;

    public async ValueTask<ImportLeadsResponse> Handle(ImportLeadsCommand command, CancellationToken cancellationToken)
    {
        var playbook = await LeadPlaybooks.CurrentAsync(db, cache, command.PlaybookId, cancellationToken);
        using var text = new StreamReader(command.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var csv = new CsvRecordReader(text);
        var record = new List<string>();
        var rowsOf = await LeadCsvRows.ReadHeaderAsync(csv, record, playbook.Document, command.ColumnMap, tenant.Slug, cancellationToken);

        var rejected = new List<RejectedRowDto>();
        long rows = 0, rejectedCount = 0, created = 0, updated = 0, unchanged = 0;
        var chunk = new List<LeadInput>(command.ChunkSize);

        while (await csv.ReadAsync(record, cancellationToken))
        {
            rows++;
            if (rowsOf.Classify(record, csv.Error, csv.RecordLine, out var input) is { } rejection)
            {
                rejectedCount++;
                if (rejected.Count < RejectedLimit)
                    rejected.Add(rejection);
                continue;
            }
            chunk.Add(input!);
            if (chunk.Count >= command.ChunkSize)
                (created, updated, unchanged) = Add((created, updated, unchanged), await FlushAsync(playbook, chunk, cancellationToken));
        }
        if (chunk.Count > 0)
            (created, updated, unchanged) = Add((created, updated, unchanged), await FlushAsync(playbook, chunk, cancellationToken));

        return new ImportLeadsResponse(playbook.PlaybookId, rows, created + updated + unchanged, created, updated, unchanged,
            rejectedCount, rejected, rejectedCount > rejected.Count, await db.LeadDataVersions.CurrentAsync(cancellationToken));
    }

    private static (long, long, long) Add((long C, long U, long N) a, (int C, int U, int N) b) => (a.C + b.C, a.U + b.U, a.N + b.N);

    /// <summary>One chunk, one transaction (the save opens it: lead writes bump the data version inside it).</summary>
    private async Task<(int Created, int Updated, int Unchanged)> FlushAsync(ResolvedPlaybook playbook, List<LeadInput> chunk, CancellationToken ct)
    {
        var written = await LeadWriter.UpsertAsync(db, playbook, chunk, clock.GetUtcNow(), ct);
        var created = written.Count(w => w.Status == LeadWriteStatus.Created);
        var updated = written.Count(w => w.Status == LeadWriteStatus.Updated);
        if (created + updated > 0)
        {
            audit.Record("leads.imported", "Lead", "leads:import", after: new { Playbook = playbook.PlaybookId, Created = created, Updated = updated });
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
        chunk.Clear();
        return (created, updated, written.Count - created - updated);
    }
}

/// <summary>
/// The CSV's meaning, shared by the inline import and the import job: the header mapped to the playbook's fields,
/// then each record either a lead to write or a rejected row with its line and reason. Remembers the ids it has
/// accepted, so a later row with the same id is a duplicate (the first one wins) — the same answer however often
/// the file is read from the start.
/// </summary>
internal sealed class LeadCsvRows
{
    public const string ExternalIdColumn = "externalId";
    public const string EventsColumn = "events";
    public const string TenantColumn = "tenant";

    private enum ColumnKind { Ignored, ExternalId, Events, Tenant, Field }

    private sealed record Column(string Header, ColumnKind Kind, FieldDefinition? Field = null);

    private readonly List<Column> _columns;
    private readonly PlaybookDocument _document;
    private readonly string? _slug;
    private readonly Dictionary<string, long> _firstSeen = new(StringComparer.Ordinal);

    private LeadCsvRows(List<Column> columns, PlaybookDocument document, string? slug)
    {
        _columns = columns;
        _document = document;
        _slug = slug;
    }

    /// <summary>Reads and maps the header row; an empty file, a broken header or a column naming nothing refuses the whole file (400).</summary>
    public static async Task<LeadCsvRows> ReadHeaderAsync(CsvRecordReader csv, List<string> record, PlaybookDocument document, IReadOnlyDictionary<string, string>? map, string? slug, CancellationToken ct)
    {
        if (!await csv.ReadAsync(record, ct))
            throw Invalid("/body", "import.empty", "The CSV is empty: send a header row naming the columns, then one row per lead.");
        if (csv.Error is { } headerError)
            throw Invalid("/body", "import.header", $"The header row (line {headerError.Line}) is broken: {headerError.Message}");
        return new LeadCsvRows(MapHeader(record, document, map), document, slug);
    }

    /// <summary>The record as a lead to write (null returned, <paramref name="input"/> set) or as a rejected row.</summary>
    public RejectedRowDto? Classify(List<string> record, CsvError? error, long line, out LeadInput? input)
    {
        input = null;
        if (error is not null)
            return new RejectedRowDto(line, null, error.Code, error.Message);
        if (record.Count != _columns.Count)
            return new RejectedRowDto(line, null, "column_count", $"The row has {record.Count} values; the header has {_columns.Count} columns.");
        var read = ReadRow(record, _columns, _document, _slug, out var id, out var problem);
        if (problem is { } p)
            return new RejectedRowDto(line, id, p.Code, p.Message, p.Column);
        if (!_firstSeen.TryAdd(id!, line))
            return new RejectedRowDto(line, id, "duplicate_id", $"Lead '{id}' is also on line {_firstSeen[id!]} of this file; the first one was kept.");
        input = read;
        return null;
    }

    private static List<Column> MapHeader(List<string> header, PlaybookDocument document, IReadOnlyDictionary<string, string>? map)
    {
        var byKey = document.Fields.ToDictionary(f => f.Key, StringComparer.OrdinalIgnoreCase);
        var byLabel = document.Fields.GroupBy(f => f.Label, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.OrdinalIgnoreCase);
        var mapping = map is null ? null : new Dictionary<string, string>(map, StringComparer.OrdinalIgnoreCase);
        var failures = new List<ValidationFailure>();
        var columns = new List<Column>(header.Count);
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in header)
        {
            var name = raw.Trim().TrimStart('\uFEFF');
            var target = mapping is not null && mapping.TryGetValue(name, out var mapped) ? mapped.Trim() : name;
            Column column;
            if (target.Length == 0 || target == "-")
                column = new Column(name, ColumnKind.Ignored);
            else if (target.Equals(ExternalIdColumn, StringComparison.OrdinalIgnoreCase) || target.Equals("external_id", StringComparison.OrdinalIgnoreCase) || target.Equals("id", StringComparison.OrdinalIgnoreCase))
                column = new Column(name, ColumnKind.ExternalId);
            else if (target.Equals(EventsColumn, StringComparison.OrdinalIgnoreCase))
                column = new Column(name, ColumnKind.Events);
            else if (target.Equals(TenantColumn, StringComparison.OrdinalIgnoreCase))
                column = new Column(name, ColumnKind.Tenant);
            else if (byKey.TryGetValue(target, out var field) || byLabel.TryGetValue(target, out field))
                column = new Column(name, ColumnKind.Field, field);
            else
            {
                failures.Add(new ValidationFailure($"/header/{columns.Count}", $"Column '{name}' names no field of the playbook (fields: {string.Join(", ", document.Fields.Select(f => f.Key))}); map it with X-Column-Map, or map it to \"\" to ignore it.") { ErrorCode = "import.unknown_column" });
                column = new Column(name, ColumnKind.Ignored);
            }
            var identity = column.Kind == ColumnKind.Field ? "field:" + column.Field!.Key : column.Kind.ToString();
            if (column.Kind != ColumnKind.Ignored && !used.TryAdd(identity, name))
                failures.Add(new ValidationFailure($"/header/{columns.Count}", $"Columns '{used[identity]}' and '{name}' both map to {identity}.") { ErrorCode = "import.duplicate_column" });
            columns.Add(column);
        }
        if (!columns.Any(c => c.Kind == ColumnKind.ExternalId))
            failures.Add(new ValidationFailure("/header", "No column holds the lead's id: name one 'externalId' (or 'id'), or map one to externalId with X-Column-Map.") { ErrorCode = "import.no_id_column" });
        return failures.Count == 0 ? columns : throw new ValidationException(failures);
    }

    private sealed record RowProblem(string Code, string Message, string? Column = null);

    private static LeadInput? ReadRow(List<string> record, List<Column> columns, PlaybookDocument document, string? slug, out string? id, out RowProblem? problem)
    {
        id = null;
        problem = null;
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        List<EngagementEvent>? events = null;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var cell = record[i];
            switch (column.Kind)
            {
                case ColumnKind.ExternalId:
                    id = cell.Trim();
                    break;
                case ColumnKind.Tenant when cell.Trim().Length > 0 && !string.Equals(cell.Trim(), slug, StringComparison.OrdinalIgnoreCase):
                    problem = new RowProblem("foreign_tenant", $"The row belongs to tenant '{cell.Trim()}'; this import is for '{slug}'. Ids are per tenant: import it into its own tenant.", column.Header);
                    break;
                case ColumnKind.Events when cell.Trim().Length > 0:
                    events = ParseEvents(cell, column.Header, out problem);
                    break;
                case ColumnKind.Field when cell.Length > 0:
                    if (!TryCell(column.Field!, cell, out var value, out var error))
                        problem = new RowProblem("wrong_type", $"'{column.Field!.Label}' ({column.Field.Key}): {error}", column.Header);
                    else
                        fields[column.Field!.Key] = value;
                    break;
            }
            if (problem is not null)
                return null;
        }
        if (string.IsNullOrEmpty(id) || id.Length > Lead.MaxExternalIdLength)
        {
            problem = new RowProblem("missing_id", $"The row needs a lead id of 1 to {Lead.MaxExternalIdLength} characters.");
            id = string.IsNullOrEmpty(id) ? null : id[..Math.Min(id.Length, 50)];
            return null;
        }
        var data = new LeadData(fields, events ?? []);
        var problems = LeadValidation.Validate(document, data);
        if (problems.Count > 0)
        {
            var first = problems[0];
            var key = first.Path.StartsWith("/fields/", StringComparison.Ordinal) ? first.Path["/fields/".Length..] : null;
            problem = new RowProblem("invalid_value", string.Join(" ", problems.Select(p => p.Message)),
                key is null ? null : columns.FirstOrDefault(c => c.Field?.Key == key)?.Header);
            return null;
        }
        return new LeadInput(id, fields, events);
    }

    /// <summary>A cell as the field's JSON value. Numbers in invariant culture; booleans true/false/yes/no/1/0; dates yyyy-MM-dd; multiChoice separated by ';' or '|'.</summary>
    private static bool TryCell(FieldDefinition field, string cell, out JsonElement value, out string? error)
    {
        error = null;
        var trimmed = cell.Trim();
        switch (field.Type)
        {
            case FieldType.Number:
                if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    value = JsonSerializer.SerializeToElement(number);
                    return true;
                }
                error = $"'{Short(trimmed)}' is not a number (write 1234.5, no thousands separators).";
                break;
            case FieldType.Boolean:
                bool? flag = trimmed.ToLowerInvariant() switch { "true" or "yes" or "1" => true, "false" or "no" or "0" => false, _ => null };
                if (flag is { } b)
                {
                    value = JsonSerializer.SerializeToElement(b);
                    return true;
                }
                error = $"'{Short(trimmed)}' is not true/false (yes/no, 1/0 also accepted).";
                break;
            case FieldType.MultiChoice:
                value = JsonSerializer.SerializeToElement(trimmed.Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                return true;
            default:
                // Text, choice and date are strings on the wire; FieldValues checks them like any sent value.
                value = JsonSerializer.SerializeToElement(field.Type == FieldType.Text ? cell : trimmed);
                return true;
        }
        value = default;
        return false;
    }

    /// <summary>Events as <c>type@moment</c> separated by ';' (e.g. <c>pricing_page_view@2026-11-20T09:00:00Z</c>).</summary>
    private static List<EngagementEvent>? ParseEvents(string cell, string header, out RowProblem? problem)
    {
        problem = null;
        var events = new List<EngagementEvent>();
        foreach (var item in cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = item.LastIndexOf('@');
            if (at <= 0 || !DateTimeOffset.TryParse(item[(at + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
            {
                problem = new RowProblem("invalid_events", $"'{Short(item)}' is not an event: write type@moment, e.g. pricing_page_view@2026-11-20T09:00:00Z, several separated by ';'.", header);
                return null;
            }
            events.Add(new EngagementEvent(item[..at], moment));
        }
        return events;
    }

    private static string Short(string s) => s.Length <= 60 ? s : s[..57] + "…";

    private static ValidationException Invalid(string path, string code, string message) =>
        new([new ValidationFailure(path, message) { ErrorCode = code }]);
}
