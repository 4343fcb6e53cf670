using System.Text;

namespace SalesAlign.Application.Features.Leads;

/// <summary>A record that could not be read, with the line it starts on.</summary>
public sealed record CsvError(long Line, string Code, string Message);

/// <summary>
/// An incremental RFC 4180 reader: comma-separated, fields optionally in double quotes (a quote inside written
/// twice, line breaks allowed inside quotes), CRLF or LF line ends. It holds one record at a time, never the file,
/// and knows the line each record starts on. Broken quoting (a quote inside an unquoted field, text after a
/// closing quote, a quote never closed) and over-long records are reported for that record, and reading goes on
/// at the next line.
/// </summary>
public sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly int _maxRecordChars;
    private readonly char[] _buffer;
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private bool _eof;
    private bool _skipPending;
    private long _line = 1;
    private int _recordChars;
    private int _recordStart;

    public CsvRecordReader(TextReader reader, int maxRecordChars = 64 * 1024)
    {
        _reader = reader;
        _maxRecordChars = maxRecordChars;
        // Room for a whole record of the maximum length plus the look-ahead, so a record is parsed from memory.
        _buffer = new char[Math.Max(2 * maxRecordChars + 16, 64 * 1024)];
    }

    /// <summary>The 1-based line on which the last record read starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Why the last record read is broken (its fields are then incomplete); null when it is whole.</summary>
    public CsvError? Error { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input. Blank lines are skipped.</summary>
    public async ValueTask<bool> ReadAsync(List<string> fields, CancellationToken ct = default)
    {
        while (true)
        {
            fields.Clear();
            Error = null;
            while (_skipPending)
            {
                await EnsureAsync(ct);
                SkipRestOfLine();
                if (_eof && _position == _length)
                    _skipPending = false;
            }
            await EnsureAsync(ct);
            if (_position == _length)
                return false;
            RecordLine = _line;
            _recordChars = 0;
            _recordStart = _position;
            var blank = ReadRecord(fields);
            if (!blank || Error is not null)
                return true;
        }
    }

    /// <summary>Tops the buffer up to a whole maximal record plus look-ahead (or the end of input).</summary>
    private async ValueTask EnsureAsync(CancellationToken ct)
    {
        if (_eof || _length - _position > _maxRecordChars + 2)
            return;
        if (_position > 0)
        {
            Array.Copy(_buffer, _position, _buffer, 0, _length - _position);
            _length -= _position;
            _position = 0;
        }
        while (!_eof && _length - _position <= _maxRecordChars + 2)
        {
            var read = await _reader.ReadAsync(_buffer.AsMemory(_length), ct);
            if (read == 0)
                _eof = true;
            _length += read;
        }
    }

    /// <returns>Whether the record was a blank line.</returns>
    private bool ReadRecord(List<string> fields)
    {
        _field.Clear();
        var sawAnything = false;
        while (true)
        {
            if (TooLong())
                return false;
            var c = Read();
            if (c < 0 || IsLineEnd(c))
            {
                if (c >= 0)
                    EndLine(c);
                if (!sawAnything && fields.Count == 0)
                    return true;
                fields.Add(_field.ToString());
                return false;
            }
            sawAnything = true;
            if (c == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
                continue;
            }
            if (c == '"' && _field.Length == 0)
            {
                if (!ReadQuoted())
                    return false;
                // After the closing quote: a separator, a line end or the end of input.
                var next = Peek();
                if (next < 0 || next == ',' || IsLineEnd(next))
                    continue;
                Fail("broken_quoting", $"Text after the closing quote of field {fields.Count + 1}: quote the whole field and write a quote inside it as \"\".");
                return false;
            }
            if (c == '"')
            {
                Fail("broken_quoting", $"A quote inside unquoted field {fields.Count + 1}: quote the whole field and write a quote inside it as \"\".");
                return false;
            }
            _field.Append((char)c);
        }
    }

    private bool ReadQuoted()
    {
        while (true)
        {
            if (TooLong())
                return false;
            var c = Read();
            if (c < 0)
            {
                // The whole record is still in the buffer: skip only its first line, so the rows after it are read.
                Error = new CsvError(RecordLine, "broken_quoting", $"A quoted field of this row is never closed; the row was skipped up to the end of line {RecordLine}.");
                Rewind();
                return false;
            }
            if (c == '"')
            {
                if (Peek() != '"')
                    return true;
                Read();
            }
            else if (IsLineEnd(c))
            {
                EndLine(c);
                _field.Append('\n');
                continue;
            }
            _field.Append((char)c);
        }
    }

    private bool TooLong()
    {
        if (_recordChars <= _maxRecordChars)
            return false;
        Error = new CsvError(RecordLine, "record_too_long", $"The row is longer than {_maxRecordChars:N0} characters (a quote never closed?); it was skipped up to the end of line {RecordLine}.");
        Rewind();
        return true;
    }

    /// <summary>Back to the start of the record (it is all in the buffer), then past its first line.</summary>
    private void Rewind()
    {
        _position = _recordStart;
        _line = RecordLine;
        _skipPending = true;
        SkipRestOfLine();
    }

    private void Fail(string code, string message)
    {
        Error = new CsvError(RecordLine, code, message);
        _skipPending = true;
        SkipRestOfLine();
    }

    private static bool IsLineEnd(int c) => c is '\n' or '\r';

    private void EndLine(int c)
    {
        if (c == '\r' && Peek() == '\n')
            Read();
        _line++;
    }

    /// <summary>Skips to the next line within the buffer; <see cref="_skipPending"/> stays set while the line goes on beyond it.</summary>
    private void SkipRestOfLine()
    {
        while (_position < _length)
        {
            var c = _buffer[_position++];
            if (IsLineEnd(c))
            {
                if (c == '\r' && _position < _length && _buffer[_position] == '\n')
                    _position++;
                _line++;
                _skipPending = false;
                return;
            }
        }
    }

    private int Peek() => _position < _length ? _buffer[_position] : -1;

    private int Read()
    {
        if (_position == _length)
            return -1;
        _recordChars++;
        return _buffer[_position++];
    }
}
