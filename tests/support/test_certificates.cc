#include "tests/support/test_certificates.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "absl/strings/str_join.h"

namespace coop::testing {
namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::cerr << "test certificates: " << what << " failed" << std::endl;
    std::abort();
  }
}

Key NewKey() {
  Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), &EVP_PKEY_free);
  Check(key != nullptr, "EC key generation");
  return key;
}

std::string KeyPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  Check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "writing a key");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string CertPem(X509* cert) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  Check(PEM_write_bio_X509(bio.get(), cert) == 1, "writing a certificate");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

Cert ParseCert(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  Check(cert != nullptr, "reading a certificate");
  return cert;
}

Key ParseKey(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  Check(key != nullptr, "reading a key");
  return key;
}

void AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  Check(ext != nullptr, "making an extension");
  Check(X509_add_ext(cert, ext, -1) == 1, "adding an extension");
  X509_EXTENSION_free(ext);
}

// A certificate for `key`, signed by `issuer_key` (issuer null: self-signed).
TestCertificate Make(const std::string& common_name, const std::vector<std::string>& sans,
                     const char* extended_usage, bool is_ca, X509* issuer, EVP_PKEY* issuer_key) {
  static long serial = 1;
  Key key = NewKey();
  Cert cert(X509_new(), &X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  AddExtension(cert.get(), signer, NID_basic_constraints, is_ca ? "critical,CA:TRUE" : "CA:FALSE");
  AddExtension(cert.get(), signer, NID_key_usage,
               is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  AddExtension(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (extended_usage != nullptr) {
    AddExtension(cert.get(), signer, NID_ext_key_usage, extended_usage);
  }
  if (!sans.empty()) {
    AddExtension(cert.get(), signer, NID_subject_alt_name, absl::StrJoin(sans, ","));
  }
  Check(X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key.get(), EVP_sha256()) > 0,
        "signing");
  return TestCertificate{CertPem(cert.get()), KeyPem(key.get())};
}

}  // namespace

TestCertificateAuthority::TestCertificateAuthority(const std::string& name)
    : ca_(Make(name, {}, nullptr, /*is_ca=*/true, nullptr, nullptr)) {}

TestCertificate TestCertificateAuthority::Issue(const std::string& common_name,
                                                const std::vector<std::string>& alternative_names,
                                                bool server) const {
  Cert ca = ParseCert(ca_.cert_pem);
  Key ca_key = ParseKey(ca_.key_pem);
  return Make(common_name, alternative_names, server ? "serverAuth" : "clientAuth",
              /*is_ca=*/false, ca.get(), ca_key.get());
}

TestCertificate SelfSignedCertificate(const std::string& common_name,
                                      const std::vector<std::string>& alternative_names) {
  return Make(common_name, alternative_names, "clientAuth,serverAuth", /*is_ca=*/false, nullptr,
              nullptr);
}

}  // namespace coop::testing
