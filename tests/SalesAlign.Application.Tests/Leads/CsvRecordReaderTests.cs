using System.Text;
using SalesAlign.Application.Features.Leads;

namespace SalesAlign.Application.Tests.Leads;

/// <summary>The streamed RFC 4180 reader: quoting, line numbers, broken rows reported and skipped, bounded memory.</summary>
public sealed class CsvRecordReaderTests
{
    private static async Task<List<(long Line, string[] Fields, string? Error)>> ReadAllAsync(string csv, int max = 64 * 1024)
    {
        var reader = new CsvRecordReader(new StringReader(csv), max);
        var fields = new List<string>();
        var records = new List<(long, string[], string?)>();
        while (await reader.ReadAsync(fields))
            records.Add((reader.RecordLine, fields.ToArray(), reader.Error?.Code));
        return records;
    }

    [Fact]
    public async Task Quoted_fields_may_hold_separators_doubled_quotes_and_line_breaks_and_lines_are_counted_across_them()
    {
        var records = await ReadAllAsync("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\nlast,,\n");

        records.Select(r => r.Line).ShouldBe([1, 2, 5]);
        records[1].Fields.ShouldBe(["x,1", "say \"hi\"", "two\nlines"]);
        records[2].Fields.ShouldBe(["last", "", ""]);
        records.ShouldAllBe(r => r.Error == null);
    }

    [Fact]
    public async Task Broken_quoting_is_reported_on_the_rows_line_and_reading_goes_on_with_the_next_line()
    {
        var records = await ReadAllAsync("h1,h2\nok,1\nbad\"quote,2\n\"closed\"tail,3\n\"never closed,4\nafter,5\n");

        records.Select(r => (r.Line, r.Error)).ShouldBe([(1L, (string?)null), (2, null), (3, "broken_quoting"), (4, "broken_quoting"), (5, "broken_quoting"), (6, null)]);
        records[^1].Fields.ShouldBe(["after", "5"]);
    }

    [Fact]
    public async Task A_row_longer_than_the_limit_is_refused_without_growing_memory_and_the_next_row_is_read()
    {
        var records = await ReadAllAsync("h\n" + new string('x', 5000) + "\nnext\n", max: 100);

        records.Select(r => (r.Line, r.Error)).ShouldBe([(1L, (string?)null), (2, "record_too_long"), (3, null)]);
        records[^1].Fields.ShouldBe(["next"]);
    }

    [Fact]
    public async Task A_large_input_is_read_through_a_small_window_with_exact_line_numbers()
    {
        var text = new StringBuilder("id,value\n");
        for (var i = 0; i < 20_000; i++)
            text.Append("L-").Append(i).Append(",\"v ").Append(i).Append("\"\n");

        var records = await ReadAllAsync(text.ToString(), max: 256);

        records.Count.ShouldBe(20_001);
        records[^1].Line.ShouldBe(20_001);
        records[^1].Fields.ShouldBe(["L-19999", "v 19999"]);
        records.ShouldAllBe(r => r.Error == null);
    }
}
