#include "projections/append_merge_operator.h"

#include <deque>
#include <string>

#include "rocksdb/merge_operator.h"
#include "rocksdb/slice.h"

namespace coop::projections {
namespace {

class Append final : public rocksdb::MergeOperator {
 public:
  const char* Name() const override { return "coopledger.Append"; }

  bool FullMergeV2(const MergeOperationInput& in, MergeOperationOutput* out) const override {
    if (in.existing_value == nullptr && in.operand_list.size() == 1) {
      out->existing_operand = in.operand_list.front();  // a row of one piece: no copy
      return true;
    }
    size_t size = in.existing_value == nullptr ? 0 : in.existing_value->size();
    for (const auto& operand : in.operand_list) size += operand.size();
    std::string& value = out->new_value;
    value.clear();
    value.reserve(size);  // one allocation, however many operands
    if (in.existing_value != nullptr)
      value.append(in.existing_value->data(), in.existing_value->size());
    for (const auto& operand : in.operand_list) value.append(operand.data(), operand.size());
    return true;
  }

  bool PartialMergeMulti(const rocksdb::Slice& /*key*/, const std::deque<rocksdb::Slice>& operands,
                         std::string* new_value, rocksdb::Logger* /*logger*/) const override {
    size_t size = 0;
    for (const auto& operand : operands) size += operand.size();
    new_value->clear();
    new_value->reserve(size);
    for (const auto& operand : operands) new_value->append(operand.data(), operand.size());
    return true;
  }
};

}  // namespace

std::shared_ptr<rocksdb::MergeOperator> AppendMergeOperator() {
  static const std::shared_ptr<rocksdb::MergeOperator> kOperator = std::make_shared<Append>();
  return kOperator;
}

}  // namespace coop::projections
