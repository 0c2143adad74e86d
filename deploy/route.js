// The route cookie, issued and checked by nginx (njs; deploy/nginx.conf.j2).
//
// Its value is "<id>.<mac>": the id is random (nginx's $request_id, 16 bytes),
// the mac is HMAC-SHA256 of the id under this deployment's secret
// ($route_secret, deploy/serve.py). nginx hashes only an id it signed, so a
// client cannot pick its process by choosing a cookie (issue 18); anything else
// it sends is ignored, as if it had sent none.

import crypto from 'crypto';

const SIGNED = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/;

function mac(r, id) {
    return crypto.createHmac('sha256', r.variables.route_secret)
        .update(id).digest('base64url');
}

// Every character compared, so the time taken says nothing of how much matched.
function same(a, b) {
    let differ = a.length ^ b.length;
    for (let i = 0; i < a.length && i < b.length; i++) {
        differ |= a.charCodeAt(i) ^ b.charCodeAt(i);
    }
    return differ === 0;
}

// The id of the cookie the client sent if nginx signed it, else "".
function verified(r) {
    const parts = SIGNED.exec(r.variables.route_sent || '');
    return parts && same(mac(r, parts[1]), parts[2]) ? parts[1] : '';
}

// A new signed value, for a client with no valid cookie.
function issued(r) {
    const id = r.variables.request_id;
    return id + '.' + mac(r, id);
}

export default {verified, issued};
