using System.Security.Cryptography;
using System.Text;

namespace ResponseBot.Bot.Privacy;

/// <summary>
/// A short, stable stand-in for a user id in logs: enough to follow one user, useless to find them. The hash is
/// computed only when a log line is actually written.
/// </summary>
/// <param name="userId">The channel's user id.</param>
public readonly struct Pseudonym(string userId)
{
    /// <summary>The first 10 hex digits of the SHA-256 of the user id.</summary>
    public override string ToString()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId ?? string.Empty), hash);
        return Convert.ToHexStringLower(hash[..5]);
    }
}
