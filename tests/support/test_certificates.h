// Certificates made in the test, with OpenSSL: a small CA, server and client certificates
// it signs (with subject alternative names), and self-signed ones. EC P-256 keys, valid from
// an hour ago for a day. For TLS tests of coopd and its clients; never for production.
#ifndef COOPLEDGER_TESTS_SUPPORT_TEST_CERTIFICATES_H_
#define COOPLEDGER_TESTS_SUPPORT_TEST_CERTIFICATES_H_

#include <string>
#include <vector>

namespace coop::testing {

struct TestCertificate {
  std::string cert_pem;
  std::string key_pem;
};

class TestCertificateAuthority {
 public:
  // A fresh CA named `name`. Aborts the test binary if OpenSSL fails (a broken test set-up).
  explicit TestCertificateAuthority(const std::string& name);

  const TestCertificate& ca() const { return ca_; }
  // A certificate for `common_name` signed by this CA. `alternative_names` in OpenSSL's
  // syntax ("DNS:localhost", "IP:127.0.0.1", "URI:spiffe://coop/recorder"); `server` picks
  // the extended key usage (serverAuth or clientAuth).
  TestCertificate Issue(const std::string& common_name,
                        const std::vector<std::string>& alternative_names, bool server) const;

 private:
  TestCertificate ca_;
};

// A self-signed certificate (no CA vouches for it).
TestCertificate SelfSignedCertificate(const std::string& common_name,
                                      const std::vector<std::string>& alternative_names);

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_SUPPORT_TEST_CERTIFICATES_H_
