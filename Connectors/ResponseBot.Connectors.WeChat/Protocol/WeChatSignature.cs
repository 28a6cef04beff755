using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace ResponseBot.Connectors.WeChat.Protocol;

/// <summary>
/// The signatures WeChat puts on every callback: the lowercase hex SHA-1 of the parts sorted ordinally and joined.
/// </summary>
/// <remarks>
/// Two signatures use it:
/// <list type="bullet">
/// <item><c>signature</c> (every GET and POST) over <c>token, timestamp, nonce</c>;</item>
/// <item><c>msg_signature</c> (compatible and safe mode) over <c>token, timestamp, nonce, Encrypt</c>, and the
/// <c>MsgSignature</c> of an encrypted reply over the same four with our own timestamp, nonce and ciphertext.</item>
/// </list>
/// The order of the arguments does not matter: they are sorted before hashing.
/// </remarks>
public static class WeChatSignature
{
    private const int HashBytes = 20;
    private const int HexBytes = HashBytes * 2;

    // Signed inputs are a token, a timestamp, a nonce and at most one ciphertext: they fit on the stack unless the
    // ciphertext is long.
    private const int StackLimit = 1024;

    /// <summary>Computes the signature of <paramref name="parts"/>: 40 lowercase hex digits.</summary>
    /// <param name="parts">The values to sign, in any order (for example token, timestamp, nonce).</param>
    public static string Compute(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        Span<byte> hex = stackalloc byte[HexBytes];
        ComputeHex(parts, hex);
        return Encoding.ASCII.GetString(hex);
    }

    /// <summary>
    /// Whether <paramref name="expected"/> (the signature WeChat sent) is the signature of <paramref name="parts"/>,
    /// compared in constant time.
    /// </summary>
    /// <param name="expected">The signature from the query string; <see langword="null"/> when it was missing.</param>
    /// <param name="parts">
    /// The signed values, in any order; a <see langword="null"/> part (a missing query parameter) makes the request
    /// invalid.
    /// </param>
    /// <returns><see langword="false"/> when the signature, or any part, is missing or does not match.</returns>
    public static bool IsValid(string? expected, params string?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (expected is null || expected.Length != HexBytes || Array.IndexOf(parts, null) >= 0)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HexBytes];
        ComputeHex(parts!, actual);
        Span<byte> claimed = stackalloc byte[HexBytes];
        // A non-ASCII character becomes '?', which is no hex digit, so it cannot match.
        Encoding.ASCII.GetBytes(expected, claimed);
        return CryptographicOperations.FixedTimeEquals(actual, claimed);
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "SHA-1 is mandated by the WeChat callback protocol; we verify WeChat's signatures, we do not choose the hash.")]
    private static void ComputeHex(string[] parts, Span<byte> hex)
    {
        var sorted = (string[])parts.Clone();
        Array.Sort(sorted, StringComparer.Ordinal);

        var length = 0;
        foreach (var part in sorted)
        {
            length += Encoding.UTF8.GetByteCount(part);
        }

        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var written = 0;
        foreach (var part in sorted)
        {
            written += Encoding.UTF8.GetBytes(part, buffer[written..]);
        }

        Span<byte> hash = stackalloc byte[HashBytes];
        SHA1.HashData(buffer[..written], hash);
        // The buffer holds the token.
        CryptographicOperations.ZeroMemory(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        Convert.TryToHexStringLower(hash, hex, out _);
    }
}
