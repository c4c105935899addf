/*
 * zos-takeover: the scenario schema (scenarios/scenario.schema.json), the contract of the
 * scenario format.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_SCHEMA_H
#define ZOS_TAKEOVER_SCENARIO_SCHEMA_H

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace zos
{

/// JSON as the scenario code uses it: members keep the order of the text.
using ScenarioJson = nlohmann::ordered_json;

/// A JSON pointer (RFC 6901) as its reference tokens: {"stacks", "0", "links"}.
using JsonPointer = std::vector<std::string>;

/**
 * \ingroup zos-takeover
 * The pointer as text, "/stacks/0/links" ("/" for the whole document), with "~" and "/"
 * in tokens escaped as RFC 6901 says and control or non-ASCII characters as \\uXXXX, so
 * that it is always one printable line.
 */
std::string FormatPointer(const JsonPointer& pointer);

/**
 * \ingroup zos-takeover
 * A string quoted as JSON with every control and non-ASCII character escaped (\\n,
 * \\u202e, ...) and ill-formed UTF-8 replaced: safe to print on one line.
 */
std::string QuoteForMessage(const std::string& text);

/**
 * \ingroup zos-takeover
 * A key as it appears in messages: QuoteForMessage, the first 32 bytes only if it is longer
 * than 80 (no scenario key is).
 */
std::string KeyForMessage(const std::string& key);

/**
 * \ingroup zos-takeover
 * A value as it appears in messages: strings quoted (QuoteForMessage), numbers as
 * nlohmann/json writes them, arrays and objects abridged to their type.
 */
std::string ValueForMessage(const ScenarioJson& value);

/**
 * \ingroup zos-takeover
 * A problem found in a document: where it is and what is wrong, "what is wrong (what is
 * allowed)".
 */
struct SchemaProblem
{
    JsonPointer pointer; //!< the value, key or object concerned
    std::string reason;  //!< one line
};

/**
 * \ingroup zos-takeover
 * A key of a scenario object that sets an ns-3 attribute: its schema property carries
 * "x-ns3-attribute" (doc/zos-takeover.rst, "Extending the module"). A key of a
 * nested object (a stack's "fixes") is one of its owner's keys.
 */
struct AttributeKey
{
    std::string key;           //!< below its object, dotted as --set writes it: "fixes.PQ23444"
    JsonPointer path;          //!< the same as tokens: {"fixes", "PQ23444"}
    std::string attribute;     //!< the annotation: "DetectionDelay", "ns3::ArpCache::MaxRetries"
    std::string type;          //!< "number", "integer", "boolean" or "string"
    ScenarioJson defaultValue; //!< the schema's default, of that type
    const ScenarioJson* node;  //!< the property's schema node (the annotated one)
};

/**
 * \ingroup zos-takeover
 * The scenario schema (JSON Schema draft 7), embedded in the library from
 * scenarios/scenario.schema.json at build time. It validates documents (with valijson),
 * explains the first problem in document order in one line, gives the defaults of the
 * typed structures (scenario.h) and the "what is allowed" texts of messages and of the
 * generated reference page (doc/scenario-format.rst).
 */
class ScenarioSchema
{
  public:
    /// The embedded schema, parsed once.
    static const ScenarioSchema& Get();

    /**
     * A schema from its text (tests, tools).
     * \throws std::runtime_error if the text is not a schema valijson can use
     */
    explicit ScenarioSchema(const std::string& text);
    ~ScenarioSchema();

    ScenarioSchema(const ScenarioSchema&) = delete;
    ScenarioSchema& operator=(const ScenarioSchema&) = delete;

    /// The schema document.
    const ScenarioJson& Document() const;

    /**
     * Validate a document.
     * \return the first problem in document order (a problem with a value comes before the
     *         problems of the values after it; a missing key is reported at its object),
     *         or nothing if the document is valid
     */
    std::optional<SchemaProblem> Validate(const ScenarioJson& document) const;

    /// A node with its "$ref" followed (repeatedly); the node itself if it has none.
    const ScenarioJson& Resolve(const ScenarioJson& node) const;

    /**
     * The schema node (resolved) that describes the value at `pointer` of `document`, or
     * nullptr if the schema has none (an unknown key).
     */
    const ScenarioJson* NodeFor(const ScenarioJson& document, const JsonPointer& pointer) const;

    /**
     * What a node allows, as a short phrase: its "title" if it has one, else composed from
     * its type, enum, const and range, e.g. "a number in [0, 1]", "one of \"frame\",
     * \"receiver\"".
     */
    std::string Allowed(const ScenarioJson& node) const;

    /**
     * The default of a property.
     * \param definition "" for a top-level key, else a name under "definitions" ("stack")
     * \param key the property ("detectionDelay")
     * \return its "default" (null if none; an unknown definition or key aborts: it is a
     *         programming error caught by every test)
     */
    const ScenarioJson& Default(const std::string& definition, const std::string& key) const;

    /**
     * The keys of a definition that set ns-3 attributes, in the schema's order (nested
     * objects' keys where the object is).
     * \param definition a name under "definitions" ("stack", "station")
     * \return the keys (empty for a definition without any)
     */
    const std::vector<AttributeKey>& AttributeKeys(const std::string& definition) const;

  private:
    /// Fill m_attributeKeys (scenario-settings.cc). \throws std::runtime_error for an
    /// annotated key without a default or of a type a setting cannot have
    void CollectAttributeKeys();
    /// The first problem at `pointer` (or in its members) that the schema node explains.
    std::optional<SchemaProblem> Explain(const ScenarioJson& document,
                                         const JsonPointer& pointer) const;
    std::optional<SchemaProblem> ExplainObject(const ScenarioJson& value,
                                               const ScenarioJson& node,
                                               const JsonPointer& pointer) const;
    std::optional<std::string> ExplainValue(const ScenarioJson& value,
                                            const ScenarioJson& node) const;
    bool Accepts(const ScenarioJson& value, const ScenarioJson& node) const;

    struct Compiled;
    ScenarioJson m_document;
    std::unique_ptr<Compiled> m_compiled;
    std::map<std::string, std::vector<AttributeKey>> m_attributeKeys; //!< per definition
};

/** Defaults of scenario.h's structures, read from the schema. \see ScenarioSchema::Default */
double ScenarioDefaultNumber(const char* definition, const char* key);
/** \copydoc ScenarioDefaultNumber */
uint32_t ScenarioDefaultUnsigned(const char* definition, const char* key);
/** \copydoc ScenarioDefaultNumber */
bool ScenarioDefaultBool(const char* definition, const char* key);
/** \copydoc ScenarioDefaultNumber */
std::string ScenarioDefaultString(const char* definition, const char* key);

} // namespace zos
} // namespace ns3

#endif
