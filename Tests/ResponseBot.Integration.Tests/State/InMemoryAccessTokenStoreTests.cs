using ResponseBot.Connectors.WeChat.Api;

namespace ResponseBot.Integration.Tests.State;

public sealed class InMemoryAccessTokenStoreTests : AccessTokenStoreContract<MemoryBackend>
{
    protected override IAccessTokenStore CreateStore(MemoryBackend backend) => new InMemoryAccessTokenStore(backend.Clock);
}
