// An OpenID Connect provider for labsite's tests: the npm package oidc-provider, with a
// sign-in page of its own (user name, password, and "sign in" or "refuse").
//
//   node server.mjs CONFIG.json
//
// CONFIG: {"port", "issuer", "clients": [...], "users": {name: {password, claims}},
//          "clockOffsetSeconds"}. A negative clock offset makes every token already expired
// when the site checks it. Prints "ready" when it listens.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync, randomUUID } from 'node:crypto';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
if (config.clockOffsetSeconds) {
  const realNow = Date.now;
  Date.now = () => realNow() + config.clockOffsetSeconds * 1000;
}
const { default: Provider } = await import('oidc-provider');

// Keys of its own, so no two providers (nor two runs) sign alike.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: { keys: [signingKey] },
  // Long-lived interaction and session cookies, so a clock set back (clockOffsetSeconds)
  // still lets the browser sign in; the tokens keep their usual hour.
  ttl: { Interaction: 4 * 3600, Session: 24 * 3600, Grant: 24 * 3600, IdToken: 3600, AccessToken: 3600, AuthorizationCode: 600 },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['given_name', 'family_name', 'name'],
    groups: ['groups'],
    orcid: ['orcid'],
  },
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    const user = config.users[id];
    if (!user) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...user.claims }) };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['labsite-test-cookie-key'] },
});

function page(res, uid, error = '') {
  const alert = error ? `<p role="alert">${escape(error)}</p>` : '';
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><title>Test university sign-in (OpenID Connect)</title>
<h1>Test university</h1>${alert}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>User name <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit" name="answer" value="sign-in">Sign in</button>
<button type="submit" name="answer" value="refuse">Refuse</button></form></html>`);
}

async function body(req) {
  let data = '';
  for await (const chunk of req) data += chunk;
  return Object.fromEntries(new URLSearchParams(data));
}

const interaction = /^\/interaction\/([\w-]+)(\/login)?$/;

const server = http.createServer(async (req, res) => {
  const match = req.url.match(interaction);
  if (!match) return provider.callback()(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') return page(res, details.uid);
    const form = await body(req);
    if (form.answer === 'refuse') {
      return await provider.interactionFinished(req, res, {
        error: 'access_denied', error_description: 'The user refused to sign in.',
      }, { mergeWithLastSubmission: false });
    }
    const user = config.users[form.username];
    if (!user || user.password !== form.password) {
      return page(res, details.uid, 'Wrong user name or password.');
    }
    const grant = new provider.Grant({ accountId: form.username, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope || 'openid'));
    const grantId = await grant.save();
    return await provider.interactionFinished(req, res, {
      login: { accountId: form.username }, consent: { grantId },
    }, { mergeWithLastSubmission: false });
  } catch (error) {
    console.error(error);
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(String(error));
  }
});

server.listen(config.port, '127.0.0.1', () => console.log('ready'));
