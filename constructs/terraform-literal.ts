/**
 * Text from the config as a Terraform string that means exactly that text. In cdk.tf.json,
 * `${` and `%{` open a template the engine evaluates where it runs (an env value
 * `${file("/root/.ssh/id_rsa")}` would read that file into the container), so both are
 * doubled (`$${`, `%%{`), which Terraform reads back as the characters written.
 */
export function terraformLiteral(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}
