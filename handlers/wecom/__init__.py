"""The WeCom (企业微信) adapter: the callback server and its messages, the API client."""
