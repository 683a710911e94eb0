// A real OpenID Provider (the certified npm package oidc-provider) for the tests, bound to 127.0.0.1.
// Its development interactions accept any login and password; findAccount returns the claims that
// the accounts file (JSON: login -> claims) gives for that login, so a test decides who signs in.
// Usage: node server.mjs <port> <config.json>
//   config.json: {"clients": [{client_id, client_secret, redirect_uris}], "accounts": {login: claims}}
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const configPath = process.argv[3];
const readConfig = () => JSON.parse(readFileSync(configPath, 'utf8'));

const config = readConfig();
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: config.clients.map((c) => ({
    grant_types: ['authorization_code'], response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic', ...c,
  })),
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    phone: ['phone_number', 'phone_number_verified'],
    profile: ['family_name', 'given_name', 'middle_name', 'name'],
  },
  // the claims go into the ID token too (the app reads them from there, no userinfo call needed)
  conformIdTokenClaims: false,
  pkce: { required: () => true, methods: ['S256'] },
  cookies: { keys: ['mrko-tests-only-cookie-key'] },
  async findAccount(ctx, id) {
    // re-read on every sign-in: a test may change the claims while the provider runs
    const claims = readConfig().accounts[id] || {};
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
});
provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${port}`));
