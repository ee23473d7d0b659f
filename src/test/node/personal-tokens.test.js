// Rocket.Chat's own REST client (@rocket.chat/api-client) against a running tokenmint: it generates, lists,
// regenerates and removes a personal access token, answering the two-factor challenge through its handler.
//
//   TOKENMINT_URL=http://localhost:3000 ADMIN_USERNAME=admin ADMIN_PASS=change-me npm test --prefix src/test/node
//
// The server needs the admin's password (users.create); each run makes its own user.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { RestClient } = require('@rocket.chat/api-client');

const BASE = (process.env.TOKENMINT_URL || 'http://localhost:3000').replace(/\/$/, '');
const ADMIN = process.env.ADMIN_USERNAME || 'admin';
const ADMIN_PASS = process.env.ADMIN_PASS;

const sha256 = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

async function call(path, { body, session } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (session) {
    headers['X-User-Id'] = session.userId;
    headers['X-Auth-Token'] = session.authToken;
  }
  const response = await fetch(`${BASE}/api/v1/${path}`, {
    method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

async function login(user, password) {
  const { status, json } = await call('login', { body: { user, password } });
  assert.equal(status, 200, JSON.stringify(json));
  return json.data;
}

/** A new user with a password, logged in, and a RestClient holding that session. */
async function newClient() {
  assert.ok(ADMIN_PASS, 'set ADMIN_PASS to the admin password of the server at TOKENMINT_URL');
  const admin = await login(ADMIN, ADMIN_PASS);
  const username = `pat-client-${crypto.randomBytes(4).toString('hex')}`;
  const password = `pw-${username}`;
  const created = await call('users.create', {
    session: admin,
    body: { username, password, name: 'API client', email: `${username}@example.com`, verified: true },
  });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  const session = await login(username, password);
  const client = new RestClient({
    baseUrl: BASE,
    credentials: { 'X-User-Id': session.userId, 'X-Auth-Token': session.authToken },
  });
  return { client, session, password };
}

test('generate, list, regenerate and remove through the two-factor handler', async () => {
  const { client, session, password } = await newClient();
  const challenges = [];
  client.handleTwoFactorChallenge(async (challenge) => {
    challenges.push(challenge);
    return sha256(password);
  });

  const made = await client.post('/v1/users.generatePersonalAccessToken', { tokenName: 'ci-bot' });
  assert.equal(made.success, true);
  assert.match(made.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(challenges.length, 1, 'the client was challenged once');
  assert.equal(challenges[0].method, 'password');
  assert.equal(challenges[0].invalidAttempt, false);

  const listed = await client.get('/v1/users.getPersonalAccessTokens');
  assert.deepEqual(listed.tokens.map((t) => [t.name, t.lastTokenPart, t.bypassTwoFactor]),
    [['ci-bot', made.token.slice(-6), false]]);

  const pat = new RestClient({ baseUrl: BASE, credentials: { 'X-User-Id': session.userId, 'X-Auth-Token': made.token } });
  assert.equal((await pat.get('/v1/me')).username.startsWith('pat-client-'), true, 'the token authenticates');

  const renewed = await client.post('/v1/users.regeneratePersonalAccessToken', { tokenName: 'ci-bot' });
  assert.notEqual(renewed.token, made.token);
  await assert.rejects(pat.get('/v1/me'), (response) => response.status === 401, 'the old token is revoked');

  assert.deepEqual(await client.post('/v1/users.removePersonalAccessToken', { tokenName: 'ci-bot' }),
    { success: true });
  assert.deepEqual((await client.get('/v1/users.getPersonalAccessTokens')).tokens, []);
});

test('a wrong code is answered totp-invalid and the handler is asked again', async () => {
  const { client, password } = await newClient();
  const challenges = [];
  client.handleTwoFactorChallenge(async (challenge) => {
    challenges.push(challenge);
    return challenges.length === 1 ? sha256('not the password') : sha256(password);
  });
  const made = await client.post('/v1/users.generatePersonalAccessToken', { tokenName: 'retry' });
  assert.equal(made.success, true);
  assert.deepEqual(challenges.map((c) => c.invalidAttempt), [false, true]);
});
