/**
 * Schema check for Multus `NetworkAttachmentDefinition` (k8s.cni.cncf.io/v1).
 *
 * HAND-WRITTEN: the NetworkAttachmentDefinition CRD is not in `../shared/kubevirt`, so this schema is
 * written by hand from the Kubernetes Network Custom Resource Definition De-facto Standard
 * (https://github.com/k8snetworkplumbingwg/multi-net-spec, its NetworkAttachmentDefinition object
 * definition):
 *
 * - `apiVersion: k8s.cni.cncf.io/v1`, `kind: NetworkAttachmentDefinition`, standard `metadata`
 *   (checked as a core ObjectMeta by the harness, as for the KubeVirt kinds);
 * - `spec.config` is a string holding a CNI configuration as JSON; it is optional in the spec (a
 *   missing config means a config file on the node, by name), but this library always emits one;
 * - the CNI configuration has a `cniVersion` string and a `type` string, or a `plugins` list whose
 *   entries each have a `type` (a conflist, CNI spec "Network configuration lists").
 *
 * The JSON Schema keywords `contentMediaType`/`contentSchema` describe the config string's content;
 * Ajv (draft-07) does not enforce them, so `nadValidator` parses the string and validates it against
 * `NAD_CONFIG_SCHEMA` itself. Objects are closed with `additionalProperties: false` wherever the
 * spec defines every field; the CNI config stays open, since each plugin adds its own fields.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';

/** `apiVersion/kind` of the NetworkAttachmentDefinition, as the harness keys its validators. */
export const NAD_KEY = 'k8s.cni.cncf.io/v1/NetworkAttachmentDefinition';

/** The parsed `spec.config`: a CNI network configuration or configuration list. */
export const NAD_CONFIG_SCHEMA = {
  type: 'object',
  required: ['cniVersion'],
  properties: {
    cniVersion: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' },
    name: { type: 'string', minLength: 1 },
    type: { type: 'string', minLength: 1 },
    plugins: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['type'], properties: { type: { type: 'string', minLength: 1 } } },
    },
  },
  oneOf: [
    { required: ['type'], not: { required: ['plugins'] } },
    { required: ['plugins'], not: { required: ['type'] } },
  ],
};

/** The NetworkAttachmentDefinition object. */
export const NAD_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string', enum: ['k8s.cni.cncf.io/v1'] },
    kind: { type: 'string', enum: ['NetworkAttachmentDefinition'] },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['config'],
      properties: {
        config: {
          type: 'string',
          minLength: 2,
          contentMediaType: 'application/json',
          contentSchema: NAD_CONFIG_SCHEMA,
        },
      },
    },
  },
};

/**
 * A validator with Ajv's `ValidateFunction` shape (`validate(obj)` then `validate.errors`), so the
 * harness can use it as it uses the CRD validators: the object schema, then the parsed config.
 */
export function nadValidator(ajv: Ajv): ValidateFunction {
  const validateObject = ajv.compile(NAD_SCHEMA);
  const validateConfig = ajv.compile(NAD_CONFIG_SCHEMA);
  const validate = ((obj: any): boolean => {
    const errors: ErrorObject[] = [];
    if (!validateObject(obj)) errors.push(...(validateObject.errors ?? []));
    const config = obj?.spec?.config;
    if (typeof config === 'string') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(config);
      } catch (e: any) {
        errors.push({ instancePath: '/spec/config', schemaPath: '#/properties/spec/properties/config/contentMediaType', keyword: 'contentMediaType', params: {}, message: `must be JSON: ${e.message}` });
      }
      if (parsed !== undefined && !validateConfig(parsed)) {
        for (const e of validateConfig.errors ?? []) {
          errors.push({ ...e, instancePath: `/spec/config(json)${e.instancePath}` });
        }
      }
    }
    (validate as any).errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  }) as ValidateFunction;
  return validate;
}
