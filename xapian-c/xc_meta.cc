// A document's metadata pairs (xc_meta) in one value slot: key NUL value NUL,
// pair after pair. Keys and values hold no NUL (xc.h), so the split is exact.
#include "xc_private.h"

std::string xc::encode_meta(const xc_meta *meta, size_t n)
{
    std::string blob;
    for (size_t i = 0; i < n; i++) {
        if (!meta[i].key || !*meta[i].key || !meta[i].value || !*meta[i].value)
            continue; // nothing to say
        blob += meta[i].key;
        blob += '\0';
        blob += meta[i].value;
        blob += '\0';
    }
    return blob;
}

std::vector<std::pair<std::string, std::string>> xc::decode_meta(const std::string &blob)
{
    std::vector<std::pair<std::string, std::string>> pairs;
    size_t at = 0;
    while (at < blob.size()) {
        size_t key_end = blob.find('\0', at);
        if (key_end == std::string::npos)
            break; // a damaged value: keep what was whole
        size_t value_end = blob.find('\0', key_end + 1);
        if (value_end == std::string::npos)
            break;
        pairs.emplace_back(blob.substr(at, key_end - at), blob.substr(key_end + 1, value_end - key_end - 1));
        at = value_end + 1;
    }
    return pairs;
}
