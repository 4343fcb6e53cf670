using System.Globalization;
using FluentValidation;

namespace SalesAlign.Application.Common;

/// <summary>
/// Page sizes and cursors. A cursor is opaque to clients: for append-only lists (versions, audit) it is the
/// last key seen, so new rows never shift a page; for small mutable lists it is an offset.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static int Clamp(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);

    public static long? ParseCursor(string? cursor) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static string? NextCursor(bool hasMore, long last) => hasMore ? last.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>A cursor, when sent, must be one this API issued.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || ParseCursor(c) is not null)
            .OverridePropertyName("/cursor")
            .WithErrorCode("paging.cursor")
            .WithMessage("The cursor is not one this API issued; start again without it.");
}
