#pragma once

#include <QByteArray>

#include <memory>

struct evp_pkey_st;

// Keys made with OpenSSL directly, not with the code under test, so the tests judge
// RsaPrivateKey and OAuth1Signer against an independent reference.
namespace testkeys {

using Key = std::shared_ptr<evp_pkey_st>;

Key rsa(int bits = 2048);
Key ec();  // P-256
Key dsa(); // 2048-bit parameters
Key ed25519();
Key rsaPss(int bits = 2048);
// An RSA public key with an odd modulus of exactly bits bits and no private half: for sizes too
// large to generate in a test.
Key rsaPublicOnly(int bits);

QByteArray pkcs1Pem(const Key &key);          // "BEGIN RSA PRIVATE KEY" / "BEGIN EC PRIVATE KEY"
QByteArray pkcs8Pem(const Key &key);          // "BEGIN PRIVATE KEY"
QByteArray encryptedPkcs8Pem(const Key &key); // "BEGIN ENCRYPTED PRIVATE KEY"
QByteArray encryptedPkcs1Pem(const Key &key); // "Proc-Type: 4,ENCRYPTED"
QByteArray publicPem(const Key &key);         // "BEGIN PUBLIC KEY"
QByteArray publicDer(const Key &key);         // SubjectPublicKeyInfo DER
QByteArray pkcs1PublicPem(const Key &key);    // "BEGIN RSA PUBLIC KEY"
QByteArray certificatePem(const Key &key);    // a self-signed "BEGIN CERTIFICATE"

// RSA-SHA1 (PKCS#1 v1.5) verification with the key's public half.
bool verifySha1(const Key &key, const QByteArray &message, const QByteArray &signature);

} // namespace testkeys
