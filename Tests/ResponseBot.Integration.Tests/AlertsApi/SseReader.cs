using System.Text;

namespace ResponseBot.Integration.Tests.AlertsApi;

/// <summary>One Server-Sent Event.</summary>
internal sealed record SseEvent(string? Id, string Event, string Data);

/// <summary>Reads a <c>text/event-stream</c> as a browser's EventSource does: events, and comments seen.</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>Comment lines read so far (without the colon).</summary>
    public List<string> Comments { get; } = [];

    /// <summary>The next event, skipping comments; fails when none comes within <paramref name="timeout"/>.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string? id = null;
        var type = "message";
        var data = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancel.Token)
                ?? throw new EndOfStreamException("the stream ended");
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return new SseEvent(id, type, data.ToString());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments.Add(line[1..].Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Append(data.Length > 0 ? "\n" : string.Empty).Append(value);
                    break;
            }
        }
    }

    /// <summary>Reads until the comment <paramref name="comment"/> arrives.</summary>
    public async Task WaitForCommentAsync(string comment, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!Comments.Contains(comment))
        {
            var line = await _reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException("the stream ended");
            if (line.StartsWith(':'))
            {
                Comments.Add(line[1..].Trim());
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
